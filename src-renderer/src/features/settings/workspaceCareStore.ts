import { create } from 'zustand';
import type { RouteOutput } from '@contract/index';
import { api } from '../../api/client';
import { errorMessage, valueOf, type Loadable } from '../../stores/load';

type Plan = RouteOutput<'workspace.backupPlan'>;
type BackupResult = NonNullable<RouteOutput<'workspace.backupResult'>>;
type Check = RouteOutput<'workspace.check'>;

export interface BackupState {
  jobId: string | null;
  file: string | null;
  /** Refused before it started (file exists, no such folder), or the result could not be read. */
  error: string | null;
  result: BackupResult | null;
}

interface WorkspaceCareState {
  plan: Loadable<Plan>;
  backup: BackupState;
  check: Loadable<Check>;
  loadPlan: () => Promise<void>;
  startBackup: (file: string, overwrite: boolean) => Promise<void>;
  /** Reads the finished backup's result (called when its job completes). */
  loadBackupResult: (jobId: string) => Promise<void>;
  runCheck: () => Promise<void>;
}

const noBackup: BackupState = { jobId: null, file: null, error: null, result: null };

/**
 * Backup and check from Settings: a cache of what the core answered. The backup's progress
 * arrives through the jobs store (job tray); its result is read once the job completes.
 */
export const useWorkspaceCare = create<WorkspaceCareState>((set, get) => ({
  plan: { status: 'idle' },
  backup: noBackup,
  check: { status: 'idle' },
  async loadPlan() {
    if (!api) return;
    set({ plan: { status: 'loading', previous: valueOf(get().plan) } });
    try {
      set({ plan: { status: 'ready', value: await api.call('workspace.backupPlan', {}) } });
    } catch (error) {
      set({ plan: { status: 'error', message: errorMessage(error) } });
    }
  },
  async startBackup(file, overwrite) {
    if (!api) return;
    set({ backup: { ...noBackup, file } });
    try {
      const started = await api.call('workspace.backup', { file, overwrite });
      set({ backup: { ...noBackup, jobId: started.jobId, file: started.file } });
    } catch (error) {
      set({ backup: { ...noBackup, file, error: errorMessage(error) } });
    }
  },
  async loadBackupResult(jobId) {
    if (!api) return;
    try {
      const result = await api.call('workspace.backupResult', { jobId });
      if (get().backup.jobId !== jobId) return;
      set((s) => ({ backup: { ...s.backup, result } }));
      // The next backup gets a fresh default name.
      void get().loadPlan();
    } catch (error) {
      set((s) => ({ backup: { ...s.backup, error: errorMessage(error) } }));
    }
  },
  async runCheck() {
    if (!api) return;
    set({ check: { status: 'loading', previous: valueOf(get().check) } });
    try {
      set({ check: { status: 'ready', value: await api.call('workspace.check', {}) } });
    } catch (error) {
      set({ check: { status: 'error', message: errorMessage(error) } });
    }
  },
}));
