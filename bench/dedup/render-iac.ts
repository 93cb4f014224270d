import { IAC_CONTROLS, type IacControl } from '@sieve/dedup';
import type { IacFlaw, IacTool } from './estate-model.js';
import type { Rendered } from './render-packages.js';

function controlOf(flaw: IacFlaw): IacControl {
  return IAC_CONTROLS.find((control) => control.id === flaw.control)!;
}

function seen(flaws: IacFlaw[], tool: IacTool): IacFlaw[] {
  return flaws.filter((flaw) => flaw.tools.includes(tool));
}

function address(flaw: IacFlaw): string | null {
  return flaw.resourceName === null ? null : `${flaw.resourceType}.${flaw.resourceName}`;
}

/** Checkov JSON, one object per framework: repo_file_path from the repository root, file_line_range of the block, [0, 0] for Dockerfile checks. */
export function renderCheckov(flaws: IacFlaw[]): Rendered {
  const terraform = seen(flaws, 'checkov').filter((flaw) => flaw.path.endsWith('.tf'));
  const dockerfile = seen(flaws, 'checkov').filter((flaw) => !flaw.path.endsWith('.tf'));
  const check = (flaw: IacFlaw) => ({
    check_id: controlOf(flaw).checkov[0],
    check_name: controlOf(flaw).title,
    check_result: { result: 'FAILED' },
    code_block: flaw.resourceName === null ? [[0, 'FROM node:latest\n']] : [[flaw.startLine, `resource "${flaw.resourceType}" "${flaw.resourceName}" {\n`]],
    file_path: `/${flaw.path.slice(flaw.path.indexOf('/') + 1)}`,
    repo_file_path: `/${flaw.path}`,
    file_line_range: flaw.resourceName === null ? [0, 0] : [flaw.startLine, flaw.endLine],
    resource: address(flaw) ?? `/${flaw.path}.`,
    guideline: 'https://docs.prismacloud.io/',
  });
  const framework = (type: string, list: IacFlaw[]) => ({
    check_type: type,
    results: { passed_checks: [], failed_checks: list.map(check), skipped_checks: [], parsing_errors: [] },
    summary: { passed: 0, failed: list.length, skipped: 0, parsing_errors: 0, resource_count: list.length, checkov_version: '3.2.0' },
  });
  return { report: [framework('terraform', terraform), framework('dockerfile', dockerfile)], labels: [...terraform, ...dockerfile].map((flaw) => flaw.id) };
}

/** tfsec 1.28 JSON: AVD rule_id with long_id, the absolute path it was given, the resource block's lines. */
export function renderTfsec(flaws: IacFlaw[]): Rendered {
  const list = seen(flaws, 'tfsec');
  const results = list.map((flaw) => {
    const control = controlOf(flaw);
    return {
      rule_id: control.tfsec[0],
      long_id: control.tfsec[1],
      rule_description: control.title,
      rule_provider: 'aws',
      impact: control.title,
      resolution: 'Fix the configuration',
      links: [],
      description: `Resource '${address(flaw)}' fails ${control.id}`,
      severity: 'HIGH',
      status: 0,
      resource: address(flaw),
      location: { filename: `/home/runner/work/app/app/${flaw.path}`, start_line: flaw.startLine, end_line: flaw.endLine },
    };
  });
  return { report: { results }, labels: list.map((flaw) => flaw.id) };
}

/** KICS JSON: one query with its matches, a search key naming the resource, the attribute's line. */
export function renderKics(flaws: IacFlaw[]): Rendered {
  const list = seen(flaws, 'kics');
  const byControl = new Map<string, IacFlaw[]>();
  for (const flaw of list) byControl.set(flaw.control, [...(byControl.get(flaw.control) ?? []), flaw]);
  const labels: string[] = [];
  const queries = [...byControl.entries()].map(([controlId, matches]) => {
    const control = IAC_CONTROLS.find((candidate) => candidate.id === controlId)!;
    labels.push(...matches.map((flaw) => flaw.id));
    return {
      query_name: control.title,
      query_id: control.kics[0],
      query_url: 'https://docs.kics.io/',
      severity: 'HIGH',
      platform: control.scope === 'file' ? 'Dockerfile' : 'Terraform',
      files: matches.map((flaw) => ({
        file_name: flaw.path,
        similarity_id: `${flaw.id}-${flaw.path}`.split('').reverse().join(''),
        line: flaw.resourceName === null ? 1 : flaw.startLine + 3,
        issue_type: 'MissingAttribute',
        search_key: flaw.resourceName === null ? 'FROM={{node:latest}}' : `${flaw.resourceType}[${flaw.resourceName}]`,
        search_value: '',
        expected_value: 'set',
        actual_value: 'unset',
      })),
      category: 'Insecure Configurations',
      description: control.title,
    };
  });
  return { report: { kics_version: '1.7.0', files_scanned: 5, queries_total: 900, queries, total_counter: list.length }, labels };
}

/** Trivy config results: misconfigurations with ID and AVDID, the cause's resource and lines. */
export function renderTrivyConfig(flaws: IacFlaw[]): Rendered {
  const list = seen(flaws, 'trivy-config');
  const byPath = new Map<string, IacFlaw[]>();
  for (const flaw of list) byPath.set(flaw.path, [...(byPath.get(flaw.path) ?? []), flaw]);
  const labels: string[] = [];
  const results = [...byPath.entries()].map(([path, matches]) => {
    labels.push(...matches.map((flaw) => flaw.id));
    return {
      Target: path,
      Class: 'config',
      Type: path.endsWith('.tf') ? 'terraform' : 'dockerfile',
      Misconfigurations: matches.map((flaw) => {
        const control = controlOf(flaw);
        return {
          Type: path.endsWith('.tf') ? 'Terraform Security Check' : 'Dockerfile Security Check',
          ID: control.trivy[0],
          AVDID: control.trivy.find((id) => id.startsWith('AVD-')) ?? control.trivy[0],
          Title: control.title,
          Severity: 'HIGH',
          Status: 'FAIL',
          CauseMetadata: flaw.resourceName === null ? { Provider: 'Dockerfile', Service: 'general' } : { Resource: address(flaw), Provider: 'AWS', Service: flaw.control.split('-')[0], StartLine: flaw.startLine, EndLine: flaw.endLine },
        };
      }),
    };
  });
  return { report: { SchemaVersion: 2, ArtifactName: '.', ArtifactType: 'filesystem', Results: results }, labels };
}
