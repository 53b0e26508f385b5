/**
 * SARIF 2.1.0 for GitHub code scanning. One run; tool.driver.rules lists all 14 rules (id, name,
 * shortDescription, helpUri to docs/rules/ACTnnn.md); each result has ruleId, ruleIndex, level and
 * one physicalLocation whose artifactLocation.uri is relative to %SRCROOT% (the folder the command
 * ran in) and whose region is 1-based.
 *
 * Notebooks: the region is mapped into the raw .ipynb file — the line and columns of the JSON
 * string that holds the reported source line — so code scanning highlights the right line of the
 * file it stores; the cell index and the position inside the cell (1-based, as in the JSON
 * report) are kept in the result's `properties` ({"cell", "cellLine", "cellColumn", ...}), and
 * the message starts with "cells[N]:line:col". When the raw position cannot be found (unusual
 * formatting), the region falls back to the position inside the cell.
 * Related places (the loss a model output meets, possibly in another file of the project) are
 * `relatedLocations`; a related place inside a notebook keeps its in-cell position.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../core/types';
import type { FileReport } from '../check';
import { ruleInfos } from '../ruleInfo';
import { notebookSourceMap } from './notebookMap';

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export interface SarifMeta {
  version: string;
  /** https://github.com/owner/repo (no trailing slash) when package.json names one. */
  repositoryUrl?: string;
}

export function helpUri(id: string, meta: SarifMeta): string {
  if (meta.repositoryUrl) return `${meta.repositoryUrl}/blob/HEAD/docs/rules/${id}.md`;
  return pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules', `${id}.md`)).href;
}

function dirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : href + '/';
}

export function formatSarif(reports: readonly FileReport[], cwd: string, meta: SarifMeta): string {
  const infos = ruleInfos('en');
  const rules = infos.map((r) => ({
    id: r.id,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.help ?? r.summary },
    helpUri: helpUri(r.id, meta),
    help: { text: `${r.help ?? r.summary}\n\nSee ${helpUri(r.id, meta)}` },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const results = [];
  for (const { file, findings } of reports) {
    const uri = path.isAbsolute(file.display) ? pathToFileURL(file.display).href : encodeURI(file.display);
    const nbMap = file.language === 'ipynb' && findings.length > 0 ? notebookSourceMap(file.absolute) : undefined;
    for (const f of findings) {
      const inCell = {
        startLine: f.range.start.line + 1,
        startColumn: f.range.start.column + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.column + 1,
      };
      let region = inCell;
      let properties: Record<string, number> | undefined;
      let message = f.message;
      if (f.range.cell !== undefined) {
        const raw = nbMap?.(f.range.cell, f.range.start, f.range.end);
        if (raw) region = raw;
        properties = { cell: f.range.cell, cellLine: inCell.startLine, cellColumn: inCell.startColumn, cellEndLine: inCell.endLine, cellEndColumn: inCell.endColumn };
        message = `cells[${f.range.cell}]:${inCell.startLine}:${inCell.startColumn}: ${f.message}`;
      }
      const ruleIndex = infos.findIndex((r) => r.id === f.rule);
      const relatedLocations = (f.related ?? []).map((r, id) => {
        const display = r.path ?? file.display;
        const rUri = path.isAbsolute(display) ? pathToFileURL(display).href : encodeURI(display);
        return {
          id,
          physicalLocation: {
            artifactLocation: path.isAbsolute(display) ? { uri: rUri } : { uri: rUri, uriBaseId: '%SRCROOT%' },
            region: { startLine: r.range.start.line + 1, startColumn: r.range.start.column + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.column + 1 },
          },
          message: { text: r.range.cell !== undefined ? `cells[${r.range.cell}]:${r.range.start.line + 1}:${r.range.start.column + 1}: ${r.message}` : r.message },
        };
      });
      results.push({
        ruleId: f.rule,
        ...(ruleIndex >= 0 ? { ruleIndex } : {}),
        level: LEVEL[f.severity],
        message: { text: message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: path.isAbsolute(file.display) ? { uri } : { uri, uriBaseId: '%SRCROOT%' },
              region,
            },
          },
        ],
        ...(relatedLocations.length > 0 ? { relatedLocations } : {}),
        ...(properties ? { properties } : {}),
      });
    }
  }
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'activation-lens',
            version: meta.version,
            semanticVersion: meta.version,
            informationUri: meta.repositoryUrl ?? 'https://www.npmjs.com/package/activation-lens',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: dirUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
