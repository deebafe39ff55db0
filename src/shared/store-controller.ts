import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ReadableAtom} from 'nanostores';

/** Re-renders its host whenever a nanostores store changes, while the host is connected. */
export class StoreController<T> implements ReactiveController {
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private store: ReadableAtom<T>,
  ) {
    host.addController(this);
  }

  get value(): T {
    return this.store.get();
  }

  /** Follows another store (the element's id or API changed). */
  follow(store: ReadableAtom<T>): void {
    if (store === this.store) return;
    this.unsubscribe?.();
    this.store = store;
    if (this.unsubscribe) this.subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.subscribe();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private subscribe(): void {
    this.unsubscribe = this.store.listen(() => this.host.requestUpdate());
  }
}
