import { createHash, createHmac } from 'node:crypto';

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export const hmacHex = (secret: string, value: string): string => createHmac('sha256', secret).update(value).digest('hex');
