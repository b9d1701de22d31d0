import type { ServerLifecycleEvent } from '@mcpctl/kernel';

/** What the supervisor reports as it goes (metrics subscribe to this). */
export interface SupervisorObserver {
  onCall?(server: string, method: string, seconds: number, ok: boolean): void;
  onRestart?(server: string): void;
  onState?(server: string, state: string): void;
}

/** The kernel's lifecycle hooks, as the daemon calls them (KernelServices.lifecycle). */
export interface LifecycleSink {
  serverStarting(event: ServerLifecycleEvent): Promise<void>;
  serverReady(event: ServerLifecycleEvent): Promise<void>;
  serverExited(event: ServerLifecycleEvent): Promise<void>;
}

export const NO_LIFECYCLE: LifecycleSink = Object.freeze({
  serverStarting: async () => undefined,
  serverReady: async () => undefined,
  serverExited: async () => undefined,
});
