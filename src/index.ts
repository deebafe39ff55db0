/**
 * The package's classes and types. Importing it registers nothing and starts nothing (import
 * `kirjasto-widgets/poll`, `/rating` or `/idea-box` for that).
 */
export {KirjastoPoll} from './poll/poll.js';
export type {Poll, PollOption, Results, Ballot, Vote, VoteReceipt, ResultsVisibility, PollStatus} from './poll/poll.types.js';
export type {
  KirjastoErrorDetail,
  KirjastoLoadDetail,
  KirjastoSubmitDetail,
  KirjastoPollLoadDetail,
  KirjastoPollSubmitDetail,
  KirjastoRatingLoadDetail,
  KirjastoRatingSubmitDetail,
  KirjastoIdeaBoxLoadDetail,
  KirjastoIdeaBoxSubmitDetail,
  KirjastoKioskExitDetail,
  KirjastoKioskResetDetail,
} from './shared/events.js';
export type {Text, Channel, Problem} from './shared/types.js';
export {KirjastoRating} from './rating/rating.js';
export type {Rating, Scale, CommentMode, RatingResponse, ResponseReceipt} from './rating/rating.types.js';
export {KirjastoIdeaBox} from './idea-box/idea-box.js';
export type {IdeaBox, Idea, IdeaStatus, IdeaSort, IdeaPage, NewIdea, IdeaReceipt, SupportState} from './idea-box/idea-box.types.js';
export {ApiError} from './shared/api.js';
export {upgradeLinks} from './shared/enhance.js';
