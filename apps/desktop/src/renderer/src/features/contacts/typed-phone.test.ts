import { describe, expect, it } from 'vitest';
import type { Contact } from './contacts-data';
import { typedPhone } from './typed-phone';

const ben = { user: { id: 'u1', name: 'Ben', phone: '+442079460958' }, alias: null, displayName: 'Ben', tags: [] } as unknown as Contact;

describe('typedPhone: when the picker offers "Chat with …"', () => {
  it('offers a number that is not a contact, however it is spaced', () => {
    expect(typedPhone(' +44 20 7946 0000 ', [ben])).toBe('+44 20 7946 0000');
    expect(typedPhone('(201) 555-0123', [ben])).toBe('(201) 555-0123');
  });

  it("offers nothing for a name, a few digits, or a contact's own number", () => {
    expect(typedPhone('ben', [ben])).toBeNull();
    expect(typedPhone('0958', [ben])).toBeNull();
    expect(typedPhone('+44 20 7946 0958', [ben])).toBeNull();
    expect(typedPhone('020 7946 0958'.replace(/^0/, ''), [ben])).toBeNull();
    expect(typedPhone('+1 ben', [ben])).toBeNull();
  });
});
