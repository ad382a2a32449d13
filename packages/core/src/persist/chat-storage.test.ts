// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage, createWebStorage, resolveChatStorage } from './chat-storage';

afterEach(() => {
  vi.restoreAllMocks();
  window.localStorage.clear();
  window.sessionStorage.clear();
});

describe('chat storage', () => {
  it('keeps items in memory', () => {
    const storage = createMemoryStorage();
    expect(storage.getItem('k')).toBe(null);
    void storage.setItem('k', 'v');
    expect(storage.getItem('k')).toBe('v');
    void storage.removeItem('k');
    expect(storage.getItem('k')).toBe(null);
  });

  it('reads and writes localStorage and sessionStorage', () => {
    void createWebStorage('local').setItem('k', 'local value');
    void createWebStorage('session').setItem('k', 'session value');
    expect(window.localStorage.getItem('k')).toBe('local value');
    expect(window.sessionStorage.getItem('k')).toBe('session value');
    expect(createWebStorage('local').getItem('k')).toBe('local value');
  });

  it('reads nothing when the browser refuses storage, and says so when it refuses a save (quota, private mode)', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const storage = createWebStorage('local');
    // persistChat catches it and reports it (onSaveError): a refused save is never silent.
    expect(() => storage.setItem('k', 'v')).toThrow(/quota/);
    expect(storage.getItem('k')).toBe(null);
  });

  it("resolves 'memory' to its owner's map, and an adapter to itself", () => {
    const memory = createMemoryStorage();
    expect(resolveChatStorage('memory', () => memory)).toBe(memory);
    expect(resolveChatStorage(memory, () => createMemoryStorage())).toBe(memory);
  });
});
