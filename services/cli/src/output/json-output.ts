import type { FindingView } from '@sieve/stages';
import type { QueueRenderer } from './queue-renderer.js';
import type { InputView } from './run-output.js';

/** The public JSON contract of `sieve run --format json`: one object with `findings` and `inputs`. */
export class JsonRenderer implements QueueRenderer {
  private first = true;

  start(): string {
    return '{\n  "findings": [';
  }

  page(findings: FindingView[]): string {
    return findings
      .map((finding) => {
        const separator = this.first ? '\n' : ',\n';
        this.first = false;
        return separator + indent(JSON.stringify(finding, null, 2), '    ');
      })
      .join('');
  }

  end(inputs: InputView[]): string {
    const close = this.first ? ']' : '\n  ]';
    return `${close},\n  "inputs": ${indent(JSON.stringify(inputs, null, 2), '  ').trimStart()}\n}\n`;
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
