import { describe, expect, it } from 'vitest';
import { formatMessage } from './rule-finding.js';

describe('formatMessage', () => {
  it('fills every placeholder, spaces allowed, and leaves unknown ones as written', () => {
    const template = '{{ workload }} runs as {{user}}; {{workload}} again, {{ missing }} and {{user}} at the end: {{count}}';
    expect(formatMessage(template, { workload: 'Deployment shop/api', user: 'root', count: 3 })).toBe('Deployment shop/api runs as root; Deployment shop/api again, {{ missing }} and root at the end: 3');
    expect(formatMessage(template, {})).toBe(template);
    expect(formatMessage('no placeholders', { a: 1 })).toBe('no placeholders');
    expect(formatMessage('{{a}}{{b}}', { a: '{{b}}', b: 'x' })).toBe('{{b}}x');
  });
});
