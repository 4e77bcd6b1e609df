/** Policy loading: the I/O edge of config/. A policy file is data only: never executed. */
import { readFile } from 'node:fs/promises';
import { ERROR_CODES } from '../core/constants.js';
import { fileReadProblem, QuarantineError } from '../core/errors.js';
import { parseJsonText } from '../core/json-text.js';
import type { Policy } from '../core/policy.js';
import { validatePolicy } from './validate-policy.js';

/** Parses policy text; throws one QuarantineError that lists every problem with its key path. */
export function parsePolicyText(text: string, path: string): Policy {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    throw new QuarantineError(ERROR_CODES.policyInvalid, `${path}: ${parsed.message}`, {
      hint: 'a policy file is JSON of the shape of policies/default.json',
    });
  }
  const result = validatePolicy(parsed.value);
  if (result.ok) return result.policy;
  const count = result.issues.length;
  throw new QuarantineError(
    ERROR_CODES.policyInvalid,
    `${path}: ${count} problem${count === 1 ? '' : 's'} in the policy`,
    {
      details: result.issues.map((issue) => `${path}: ${issue.path}: ${issue.message}`),
      hint: 'see policies/schema.json for every key and its allowed values',
    },
  );
}

export async function readPolicyFile(path: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new QuarantineError(ERROR_CODES.policyRead, `${path}: ${fileReadProblem(error)}`, { hint: 'pass --policy <file.json>' });
  }
  return parsePolicyText(text, path);
}
