/** A value the on-screen keyboard can type into. */
export interface Slot {
  get: () => string;
  set: (value: string) => void;
  mode: 'text' | 'digits';
  max: number;
}

/**
 * Which field the keyboard types into. Every field of a step is a named slot; touching a
 * field makes it active, and the one keyboard on the screen edits it.
 */
export class Typing {
  active = $state<string | null>(null);
  private slots: () => Record<string, Slot>;

  constructor(slots: () => Record<string, Slot>, first: string | null = null) {
    this.slots = slots;
    this.active = first;
  }

  private slot(): Slot | null {
    return this.active ? (this.slots()[this.active] ?? null) : null;
  }

  mode(): 'text' | 'digits' | null {
    return this.slot()?.mode ?? null;
  }

  key(char: string): void {
    const s = this.slot();
    if (!s) return;
    if (s.mode === 'digits' && !/^\d$/.test(char)) return;
    const value = s.get();
    if ([...value].length >= s.max) return;
    s.set(value + char);
  }

  backspace(): void {
    const s = this.slot();
    if (s) s.set([...s.get()].slice(0, -1).join(''));
  }

  clear(): void {
    this.slot()?.set('');
  }
}
