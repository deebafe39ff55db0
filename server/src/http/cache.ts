/**
 * Cache-Control of public reads. Browsers revalidate every time (a cheap 304 with the ETag), so a
 * patron never sees their own change late; a CDN may keep a shared copy for a few seconds.
 */
export const SHARED_READ = {'Cache-Control': 'public, max-age=0, s-maxage=5'};

/** A read whose answer depends on the `Kirjasto-Voter` header: never in a shared cache, keyed on the header. */
export const PER_VOTER_READ = {'Cache-Control': 'private, no-cache', Vary: 'Kirjasto-Voter'};

/** A read that may depend on the voter for some resources: keyed on the header, shared when it does not. */
export const readHeaders = (dependsOnVoter: boolean): Record<string, string> =>
  dependsOnVoter ? PER_VOTER_READ : {...SHARED_READ, Vary: 'Kirjasto-Voter'};
