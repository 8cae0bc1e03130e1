// Re-exported through our own file so Vite bundles it as a worker (monaco-yaml's Vite note).
import 'monaco-yaml/yaml.worker.js';
