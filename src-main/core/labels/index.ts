/** External label import's public API (see README.md and docs/agreement.md#external-labels). */
export { parseExternalLabels, readExternalLabels } from './externalImport';
export { labelsToMatrix, selectLabels, type MatrixOptions } from './toMatrix';
export {
  externalFormats,
  formatProblem,
  LabelImportError,
  type ExternalFormat,
  type ExternalLabel,
  type ExternalLabelSet,
  type ImportOptions,
  type ImportProblem,
  type LabelShape,
  type SourceKind,
} from './types';
