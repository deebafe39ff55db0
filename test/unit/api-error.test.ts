import {describe, expect, it} from 'vitest';
import {ApiError} from '../../src/shared/api.js';

describe('ApiError', () => {
  it('names a failure to reach the server "network"', () => {
    const error = new ApiError(0);
    expect(error.unreachable).toBe(true);
    expect(error.slug).toBe('network');
  });

  it('takes the slug from the problem type', () => {
    const error = new ApiError(409, {type: 'urn:kirjasto:problem:already-voted', title: 'Already voted', status: 409});
    expect(error.slug).toBe('already-voted');
    expect(error.unreachable).toBe(false);
  });

  it('falls back to the status when the answer was not a problem document', () => {
    expect(new ApiError(502).slug).toBe('http-502');
  });
});
