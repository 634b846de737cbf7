import { authedProcedure, router } from '../trpc.js';
import { deleteStory, storyIdInput } from './delete-story.js';
import { feed } from './feed.js';
import { mine } from './mine.js';
import { postStory, postStoryInput } from './post-story.js';
import { replyStory, replyStoryInput } from './reply-story.js';
import { viewStory } from './view-story.js';
import { viewers } from './viewers.js';

export const storiesRouter = router({
  post: authedProcedure.input(postStoryInput).mutation(({ ctx, input }) => postStory(ctx, input)),
  delete: authedProcedure.input(storyIdInput).mutation(({ ctx, input }) => deleteStory(ctx, input)),
  feed: authedProcedure.query(({ ctx }) => feed(ctx)),
  mine: authedProcedure.query(({ ctx }) => mine(ctx)),
  view: authedProcedure.input(storyIdInput).mutation(({ ctx, input }) => viewStory(ctx, input)),
  viewers: authedProcedure.input(storyIdInput).query(({ ctx, input }) => viewers(ctx, input)),
  reply: authedProcedure.input(replyStoryInput).mutation(({ ctx, input }) => replyStory(ctx, input)),
});
