import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
    case Kind.ENUM:
      return undefined;
  }
}

/** Free-form JSON (source attributes, rejected-reason counts). */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});

/**
 * An exact decimal number serialised as a string ("0.0960000000"): money is never a float.
 */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'Exact decimal number as a string, e.g. "0.096" (money is never a float)',
  serialize: (value) =>
    value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value),
  parseValue: (value) => {
    const text = String(value);
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new TypeError(`Decimal must look like 12.34, got ${text}`);
    return text;
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
      if (!/^-?\d+(\.\d+)?$/.test(ast.value))
        throw new TypeError(`Decimal must look like 12.34, got ${ast.value}`);
      return ast.value;
    }
    throw new TypeError('Decimal must be a string or number literal');
  },
});
