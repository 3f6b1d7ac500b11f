import { resolvePlain } from './yaml11-resolve.js';
import { PyFloat, YamlRaw, isYamlMap, type YamlValue } from './yaml-values.js';

/**
 * Serialises a value exactly as MLflow writes registry YAML:
 * `yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=True, Dumper=CSafeDumper)`.
 *
 * CSafeDumper is PyYAML's representer and resolver in front of libyaml's emitter (src/emitter.c),
 * so this is a port of the parts of that emitter a block-style document uses: scalar analysis and
 * style choice, the plain / single-quoted / double-quoted writers with their folding at 80
 * columns, block mappings, indentless block sequences in mappings, and `{}` / `[]` for empty
 * collections. Byte-for-byte agreement is checked against PyYAML output in yaml-emit.test.ts.
 */
export function dumpYaml(value: YamlValue): string {
  const emitter = new Emitter();
  emitter.emitNode(value, { root: true, sequence: false, mapping: false, simpleKey: false });
  emitter.writeIndent(); // document end
  return emitter.output();
}

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

interface NodeContext {
  root: boolean;
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

interface ScalarEvent {
  text: string;
  /** Read back unquoted, PyYAML would give the same type. */
  plainImplicit: boolean;
  /** Read back quoted (as a string), PyYAML would give the same type. */
  quotedImplicit: boolean;
}

interface ScalarAnalysis {
  chars: string[];
  byteLength: number;
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
}

type Style = 'plain' | 'single' | 'double';

const isBreak = (ch: string | undefined): boolean => ch === '\r' || ch === '\n' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
const isBlankz = (ch: string | undefined): boolean => ch === undefined || ch === ' ' || ch === '\t' || ch === '\0' || isBreak(ch);

/** libyaml's IS_PRINTABLE: 4-byte UTF-8 characters (emoji) are not, so they end up escaped. */
function isPrintable(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

class Emitter {
  private readonly out: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  // Only empty collections are written in flow style and they hold no scalars, so this stays 0;
  // it is kept so the style rules read as in libyaml.
  private readonly flowLevel = 0;
  private context: NodeContext = { root: false, sequence: false, mapping: false, simpleKey: false };

  output(): string {
    return this.out.join('');
  }

  emitNode(value: YamlValue, context: NodeContext): void {
    this.context = context;
    if (Array.isArray(value)) return this.emitSequence(value);
    if (isYamlMap(value)) return this.emitMapping(value);
    this.emitScalar(representScalar(value));
  }

  private emitMapping(map: Record<string, YamlValue>): void {
    const keys = Object.keys(map).sort(comparePython);
    if (keys.length === 0) {
      // An empty mapping is written in flow style, `{}`, as libyaml does for any style.
      this.writeIndicator('{', true, true, false);
      this.writeIndicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      const keyEvent = representScalar(key);
      const analysis = analyzeScalar(keyEvent.text);
      if (!analysis.multiline && analysis.byteLength <= 128) {
        this.emitScalar(keyEvent, { root: false, sequence: false, mapping: true, simpleKey: true }, analysis);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitScalar(keyEvent, { root: false, sequence: false, mapping: true, simpleKey: false }, analysis);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(map[key]!, { root: false, sequence: false, mapping: true, simpleKey: false });
    }
    this.indent = this.indents.pop()!;
  }

  private emitSequence(items: YamlValue[]): void {
    if (items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.writeIndicator(']', false, false, false);
      return;
    }
    // A sequence that is a mapping value is "indentless": its dashes line up with the key.
    this.increaseIndent(false, this.context.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    this.indent = this.indents.pop()!;
  }

  private emitScalar(event: ScalarEvent, context?: NodeContext, known?: ScalarAnalysis): void {
    if (context) this.context = context;
    const analysis = known ?? analyzeScalar(event.text);
    const style = this.selectStyle(event, analysis);
    this.increaseIndent(true, false);
    const allowBreaks = !this.context.simpleKey;
    if (style === 'plain') this.writePlain(analysis.chars, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(analysis.chars, allowBreaks);
    else this.writeDoubleQuoted(analysis.chars, allowBreaks);
    this.indent = this.indents.pop()!;
  }

  private selectStyle(event: ScalarEvent, analysis: ScalarAnalysis): Style {
    let style: Style = 'plain';
    if (this.context.simpleKey && analysis.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !analysis.flowPlainAllowed) || (this.flowLevel === 0 && !analysis.blockPlainAllowed)) style = 'single';
      if (analysis.chars.length === 0 && (this.flowLevel > 0 || this.context.simpleKey)) style = 'single';
      if (!event.plainImplicit) style = 'single';
    }
    if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
    if (!event.quotedImplicit && !event.plainImplicit) throw new Error('a scalar must be implicit in one style');
    if (!event.quotedImplicit && style !== 'plain') {
      // Only strings can need quotes; a number, bool or null that needs them would be a bug here.
      throw new Error(`cannot emit ${JSON.stringify(event.text)} without a tag`);
    }
    return style;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private put(text: string): void {
    this.out.push(text);
    this.column += [...text].length;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }

  writeIndent(): void {
    const indent = this.indent >= 0 ? this.indent : 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writeBreakChar(ch: string): void {
    if (ch === '\n') this.putBreak();
    else {
      this.out.push(ch);
      this.column = 0;
    }
  }

  private writePlain(chars: string[], allowBreaks: boolean): void {
    if (!this.whitespace && (chars.length > 0 || this.flowLevel > 0)) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreakChar(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreakChar(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (!isPrintable(ch) || ch === '\ufeff' || isBreak(ch) || ch === '"' || ch === '\\') {
        this.put(`\\${escapeFor(ch)}`);
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }
}

const ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function escapeFor(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const known = ESCAPES[cp];
  if (known) return known;
  if (cp <= 0xff) return `x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** libyaml's yaml_emitter_analyze_scalar, per character instead of per byte. */
function analyzeScalar(text: string): ScalarAnalysis {
  const chars = [...text];
  const byteLength = Buffer.byteLength(text, 'utf8');
  if (chars.length === 0) {
    return { chars, byteLength, multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  if (text.startsWith('---') || text.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankz(chars[1]);

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      }
      if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '#' && precededByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    }
    if (!isPrintable(ch)) specialCharacters = true;
    if (isBreak(ch)) lineBreaks = true;

    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(ch);
    if (i + 1 < chars.length) followedByWhitespace = isBlankz(chars[i + 2]);
  }

  let flowPlainAllowed = true;
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    flowPlainAllowed = false;
    blockPlainAllowed = false;
  }
  if (breakSpace) {
    flowPlainAllowed = false;
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    flowPlainAllowed = false;
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (lineBreaks) {
    flowPlainAllowed = false;
    blockPlainAllowed = false;
  }
  if (flowIndicators) flowPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { chars, byteLength, multiline: lineBreaks, flowPlainAllowed, blockPlainAllowed, singleQuotedAllowed };
}

/** PyYAML's SafeRepresenter: how each Python value becomes scalar text. */
function representScalar(value: YamlValue): ScalarEvent {
  if (value === null) return { text: 'null', plainImplicit: true, quotedImplicit: false };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', plainImplicit: true, quotedImplicit: false };
  if (typeof value === 'bigint') return { text: value.toString(), plainImplicit: true, quotedImplicit: false };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { text: pythonFloatText(value), plainImplicit: true, quotedImplicit: false };
    return { text: Object.is(value, -0) ? '0' : BigInt(value).toString(), plainImplicit: true, quotedImplicit: false };
  }
  if (value instanceof PyFloat) return { text: pythonFloatText(value.value), plainImplicit: true, quotedImplicit: false };
  if (value instanceof YamlRaw) return { text: value.text, plainImplicit: true, quotedImplicit: false };
  if (typeof value === 'string') return { text: value, plainImplicit: resolvePlain(value) === 'str', quotedImplicit: true };
  throw new Error('not a scalar');
}

/** `SafeRepresenter.represent_float`: Python's repr, lower-cased, with `.0` added before a bare exponent. */
export function pythonFloatText(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  const repr = pythonFloatRepr(value).toLowerCase();
  return !repr.includes('.') && repr.includes('e') ? repr.replace('e', '.0e') : repr;
}

/** Python's `repr(float)`: shortest round-trip digits, scientific when the exponent is < -4 or >= 16. */
export function pythonFloatRepr(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(expText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expAbs = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${fraction}e${exponent < 0 ? '-' : '+'}${expAbs}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fracPart || '0'}`;
}

/** Python's `sorted()` order for str: by code point (JavaScript's default sort uses UTF-16 units). */
export function comparePython(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}
