import type { ModelStage, ModelVersionInfo } from '../../../../preload/contract.js';

/**
 * The registry pages' rules, kept free of the bridge so they can be unit-tested: when a stage
 * change asks for confirmation, what "archive existing" would touch, and MLflow's name rules
 * (mirrored from main's validation so mistakes show while typing; main checks again).
 */

/** A pending stage change waiting for the user's confirmation. */
export interface StageRequest {
  storeId: number;
  modelName: string;
  version: number;
  from: ModelStage;
  to: ModelStage;
  /** Other versions now in the target stage (what "archive existing" would archive). */
  others: number[];
}

export function stageRequest(versions: readonly ModelVersionInfo[], target: ModelVersionInfo, to: ModelStage): StageRequest {
  return {
    storeId: target.storeId,
    modelName: target.name,
    version: target.version,
    from: target.currentStage,
    to,
    others: versions.filter((v) => v.version !== target.version && v.currentStage === to).map((v) => v.version),
  };
}

/**
 * Production and Archived always ask first (they change what `models:/name/Production` serves);
 * Staging asks only when there is something to archive; None never asks.
 */
export function needsConfirmation(request: StageRequest): boolean {
  if (request.to === 'Production' || request.to === 'Archived') return true;
  return request.to === 'Staging' && request.others.length > 0;
}

export function aliasProblem(alias: string): string | null {
  if (alias === '') return null;
  if (!/^[\p{L}\p{N}_-]+$/u.test(alias)) return 'Use only letters, digits, _ and -.';
  if (alias.length > 255) return 'At most 255 characters.';
  if (alias.toLowerCase() === 'latest') return "'latest' is reserved.";
  if (/^[vV]\d+$/.test(alias)) return `'${alias}' is reserved for version numbers.`;
  return null;
}

export function tagKeyProblem(key: string): string | null {
  if (key === '') return null;
  if (!/^[/\p{L}\p{N}_.\- :]+$/u.test(key)) return 'Use letters, digits, _ - . : / and spaces.';
  if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.' || part === '')) return 'Not a valid path-like key.';
  if (key.length > 250) return 'At most 250 characters.';
  return null;
}
