/**
 * Phrasing: how people write around a question, as opposed to what it is
 * about (knowledge/phrasing.yaml): chat shorthand for everyday words ("wht",
 * "pls"), the words that ask for the gist ("key messages", "summary of"), and
 * the everyday things a question about something else is about ("desk", "rain").
 * The file's shape lives here, apart from the loader, so the query builder
 * can use it without the file system.
 */
import { z } from 'zod';

/** Shorthand → the word it stands for; the words or pairs that ask for the gist; everyday words that name something other than safeguarding. */
export const PhrasingFile = z
  .object({
    shorthand: z.record(z.string().regex(/^[a-z0-9]+$/, 'shorthand is one lower-case word'), z.string().regex(/^[a-z]+$/, 'stands for one lower-case word')).default({}),
    gist: z.array(z.string().regex(/^[a-z]+(?: [a-z]+)?$/, 'a gist entry is one or two lower-case words')).default([]),
    elsewhere: z.array(z.string().regex(/^[a-z]+$/, 'an elsewhere entry is one lower-case word')).default([]),
  })
  .strict();
export type Phrasing = z.infer<typeof PhrasingFile>;
export const NO_PHRASING: Phrasing = { shorthand: {}, gist: [], elsewhere: [] };
