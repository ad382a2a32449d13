import type { SlotOptions, Slots } from './conversation-store';

/**
 * Slots of open streams counted in this process's memory: a true count (each open stream holds one until it
 * is released), never a window that forgets the streams still open when it resets.
 *
 * @example
 * const slots = createMemorySlots({ name: 'streams', limit: 4, ttlMs: 180_000 });
 * const token = await slots.acquire('203.0.113.7'); // undefined when 4 are open
 */
export function createMemorySlots(options: SlotOptions, now: () => number = Date.now): Slots {
  const held = new Map<string, Map<string, number>>();
  return {
    acquire(key) {
      const at = now();
      const slots = held.get(key) ?? new Map<string, number>();
      for (const [token, expiresAt] of slots) if (expiresAt <= at) slots.delete(token);
      if (slots.size >= options.limit) return Promise.resolve(undefined);
      const token = crypto.randomUUID();
      slots.set(token, at + options.ttlMs);
      held.set(key, slots);
      return Promise.resolve(token);
    },
    release(key, token) {
      const slots = held.get(key);
      slots?.delete(token);
      if (slots?.size === 0) held.delete(key);
      return Promise.resolve();
    },
  };
}
