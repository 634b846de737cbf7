import { z } from 'zod';
import { mentionsInput } from '../groups/send-rules.js';
import { id } from '../lib/schemas.js';

export const MAX_TEXT_LENGTH = 65_536;
export const MAX_CAPTION_LENGTH = 4_096;


export const SENDABLE_KINDS = ['text', 'image', 'video', 'audio', 'voice', 'document', 'link', 'contact', 'location', 'sticker', 'poll'] as const;
export type SendableKind = (typeof SENDABLE_KINDS)[number];

export const contactCardInput = z
  .object({
    name: z.string().trim().min(1, 'A contact card needs a name').max(200),
    phones: z
      .array(z.string().trim().regex(/^\+?[0-9][0-9 ().-]{1,30}$/, 'A phone number has digits, spaces, ( ) - . and an optional leading +'))
      .min(1, 'A contact card needs a phone number')
      .max(10),
    /** The Confab account behind the card, if the sender knows it. */
    userId: id.optional(),
  })
  .strict();

export const locationInput = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    name: z.string().trim().min(1).max(200).optional(),
    address: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

type Field = 'text' | 'mediaId' | 'contact' | 'location';

/** What each kind must carry, and what else it may carry (a caption). */
const SHAPES: Record<Exclude<SendableKind, 'poll'>, { needs: Field; allows: Field[] }> = {
  text: { needs: 'text', allows: ['text'] },
  link: { needs: 'text', allows: ['text'] },
  image: { needs: 'mediaId', allows: ['mediaId', 'text'] },
  video: { needs: 'mediaId', allows: ['mediaId', 'text'] },
  document: { needs: 'mediaId', allows: ['mediaId', 'text'] },
  audio: { needs: 'mediaId', allows: ['mediaId'] },
  voice: { needs: 'mediaId', allows: ['mediaId'] },
  sticker: { needs: 'mediaId', allows: ['mediaId'] },
  contact: { needs: 'contact', allows: ['contact'] },
  location: { needs: 'location', allows: ['location'] },
};

export const sendMessageInput = z
  .object({
    chatId: id,
    /** Chosen by the sending device: a retried send with the same clientId never duplicates. */
    clientId: id,
    kind: z.enum(SENDABLE_KINDS).default('text'),
    text: z.string().max(MAX_TEXT_LENGTH, `Messages are limited to ${MAX_TEXT_LENGTH} characters`).optional(),
    /** An upload of the sender's (POST /media) for image, video, audio, voice, document and sticker. */
    mediaId: id.optional(),
    contact: contactCardInput.optional(),
    location: locationInput.optional(),
    replyToId: id.optional(),
    mentions: mentionsInput,
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind === 'poll') {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Create polls with polls.create' });
      return;
    }
    const shape = SHAPES[input.kind];
    const given = { text: input.text, mediaId: input.mediaId, contact: input.contact, location: input.location };
    const blankText = input.text !== undefined && input.text.trim().length === 0;
    if (given[shape.needs] === undefined || (shape.needs === 'text' && blankText)) {
      ctx.addIssue({ code: 'custom', path: [shape.needs], message: `A ${input.kind} message needs ${shape.needs === 'mediaId' ? 'a mediaId' : `a ${shape.needs}`}` });
    }
    for (const field of Object.keys(given) as Field[]) {
      if (given[field] !== undefined && !shape.allows.includes(field)) ctx.addIssue({ code: 'custom', path: [field], message: `A ${input.kind} message has no ${field}` });
    }
    if (shape.needs === 'mediaId' && input.text !== undefined && input.text.length > MAX_CAPTION_LENGTH) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: `Captions are limited to ${MAX_CAPTION_LENGTH} characters` });
    }
  });

export type SendMessageInput = z.infer<typeof sendMessageInput>;
