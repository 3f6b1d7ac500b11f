/**
 * YAML 1.1 implicit typing exactly as PyYAML's `Resolver` applies it (yaml/resolver.py, PyYAML 6).
 * The emitter uses it to decide which strings must be quoted, the reader to type plain scalars,
 * so what RunDesk writes is what MLflow's SafeLoader reads.
 */
export type ImplicitTag = 'null' | 'bool' | 'int' | 'float' | 'timestamp' | 'merge' | 'value' | 'yaml' | 'str';

// The patterns are PyYAML's, with the re.VERBOSE whitespace removed by hand.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const MERGE = /^(?:<<)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const VALUE = /^(?:=)$/;
const YAML_TAG = /^(?:!|&|\*)$/;

type Resolver = [ImplicitTag, RegExp];

// PyYAML dispatches on the first character, trying resolvers in registration order.
const BY_FIRST_CHAR = new Map<string, Resolver[]>();
function register(tag: ImplicitTag, regexp: RegExp, first: string[]): void {
  for (const ch of first) {
    const list = BY_FIRST_CHAR.get(ch) ?? [];
    list.push([tag, regexp]);
    BY_FIRST_CHAR.set(ch, list);
  }
}
register('bool', BOOL, [...'yYnNtTfFoO']);
register('float', FLOAT, [...'-+0123456789.']);
register('int', INT, [...'-+0123456789']);
register('merge', MERGE, ['<']);
register('null', NULL, ['~', 'n', 'N', '']);
register('timestamp', TIMESTAMP, [...'0123456789']);
register('value', VALUE, ['=']);
register('yaml', YAML_TAG, [...'!&*']);

/** Python's `re.match(...)` with `$`: the end of the text, or just before a final newline. */
function pythonMatch(regexp: RegExp, text: string): boolean {
  return regexp.test(text) || (text.endsWith('\n') && regexp.test(text.slice(0, -1)));
}

/** The tag PyYAML gives a plain (unquoted) scalar with this text. */
export function resolvePlain(text: string): ImplicitTag {
  const first = text === '' ? '' : String.fromCodePoint(text.codePointAt(0)!);
  for (const [tag, regexp] of BY_FIRST_CHAR.get(first) ?? []) {
    if (pythonMatch(regexp, text)) return tag;
  }
  return 'str';
}
