import type { Command } from 'commander';
import { registerContamination, registerExport, registerPiiScan } from '../datasetsAnalyse';
import { registerImport } from '../datasetsImport';
import { registerDatasets } from '../datasetsManage';

/** Commands of the datasets domain: import, datasets, export-dataset, contamination, pii-scan. */
export function registerDatasetCommands(program: Command) {
  registerImport(program);
  registerDatasets(program);
  registerExport(program);
  registerContamination(program);
  registerPiiScan(program);
}
