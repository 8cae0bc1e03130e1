import type { ImportSettings } from '@contract/index';

export type WizardStep = 'file' | 'preview' | 'mapping' | 'validate' | 'import';

export const wizardSteps: Array<{ id: WizardStep; label: string }> = [
  { id: 'file', label: 'File' },
  { id: 'preview', label: 'Preview' },
  { id: 'mapping', label: 'Columns' },
  { id: 'validate', label: 'Check' },
  { id: 'import', label: 'Import' },
];

/** What the wizard has gathered so far (view state: nothing is written until the last step). */
export interface WizardDraft {
  path: string;
  /** The name the user picked (uploads get a random prefix in their path). */
  fileName: string;
  datasetName: string;
  settings: ImportSettings;
}

/** Item fields a column can feed, in the order the mapping step lists them. */
export const mappingFields = [
  { field: 'input', label: 'Input', required: true },
  { field: 'reference', label: 'Reference' },
  { field: 'id', label: 'Id' },
  { field: 'category', label: 'Category' },
  { field: 'group', label: 'Group' },
  { field: 'tags', label: 'Tags' },
  { field: 'metadata', label: 'Metadata (JSON object)' },
] as const;

export function datasetNameFrom(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]+$/, '').replace(/^[0-9a-f]{16}-/, '') || 'imported';
}
