/** An emoticon image as the server keeps it: small, re-encoded (never the uploaded bytes). */
export interface EncodedEmoticon {
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
  animated: boolean;
}

/** The image is not usable as an emoticon (not decodable, animated and too big after resizing). */
export class EmoticonRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmoticonRejected';
  }
}

/** Resizes and re-encodes an uploaded image into an emoticon (sharp on the server). */
export interface EmoticonEncoder {
  encode(path: string): Promise<EncodedEmoticon>;
}
