import type { HostRule } from '../rule';

/** A `.charter.yaml` that cannot be used. Reported by the host at the bad key, not per document. */
export const invalidConfig: HostRule = {
  scope: 'host',
  id: 'invalid-config',
  description: '.charter.yaml is not valid YAML, has an unknown key, or a value of the wrong type.',
  help: 'Fix the key at the line shown. The checker stops with exit code 2 on an invalid configuration; the editor keeps using the last valid one.',
  defaultSeverity: 'error',
};
