/**
 * The parsed form of a filter. Both the MLflow subset and RunDesk's extensions land in this one
 * tree; `ParsedFilter.extensions` says which extensions a filter used, so `search:check` can tell
 * the user that MLflow itself would reject it.
 */

/** What a comparison looks at. `attribute` is a column of the run (or experiment) itself. */
export type FieldKind = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

export type Comparator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'LIKE'
  | 'ILIKE'
  | 'NOT LIKE'
  | 'NOT ILIKE'
  | 'IN'
  | 'NOT IN'
  | 'IS NULL'
  | 'IS NOT NULL'
  | 'BETWEEN'
  | 'NOT BETWEEN';

export interface Field {
  kind: FieldKind;
  /** Metric/param/tag key, dataset field (`name`, `digest`, `context`) or canonical attribute name. */
  key: string;
  valueType: 'number' | 'string';
  /** The comparators MLflow itself accepts for this field; anything else is a RunDesk extension. */
  mlflowComparators: readonly Comparator[];
  /** How the user wrote the identifier, for messages (`metrics.rmse`). */
  label: string;
}

export type Scalar = string | number;

export type Operand =
  | { kind: 'none' }
  | { kind: 'scalar'; value: Scalar }
  | { kind: 'list'; values: Scalar[] }
  | { kind: 'range'; low: Scalar; high: Scalar };

export interface ComparisonNode {
  type: 'comparison';
  field: Field;
  comparator: Comparator;
  operand: Operand;
  start: number;
  end: number;
}

/** RunDesk extension: plain text with no operator searches run (or experiment) names. */
export interface TextNode {
  type: 'text';
  text: string;
  start: number;
  end: number;
}

export interface AndNode {
  type: 'and';
  items: FilterNode[];
}

export interface OrNode {
  type: 'or';
  items: FilterNode[];
}

export interface NotNode {
  type: 'not';
  item: FilterNode;
}

export type FilterNode = ComparisonNode | TextNode | AndNode | OrNode | NotNode;

export interface ParsedFilter {
  /** null: the filter is empty and matches everything. */
  root: FilterNode | null;
  /** Human names of the RunDesk extensions used (empty for a filter MLflow accepts as is). */
  extensions: string[];
}
