// `util.parseArgs`: a port of Node 20's lib/internal/util/parse_args (parse_args.js and
// utils.js), with Node's names, so options, short groups, `--`, defaults, negation, tokens
// and the strict-mode errors behave and read as in Node.

import { invalidArgType, invalidArgValue, nodeError, validateArray, validateArrayOf, validateBoolean, validateObject, validateString } from "../node-errors.mjs";

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
/** The named property, only when it is an own property (a config may inherit anything). */
const objectGetOwn = (obj, prop) => (hasOwn(obj, prop) ? obj[prop] : undefined);
const optionsGetOwn = (options, longOption, prop) => (hasOwn(options, longOption) ? objectGetOwn(options[longOption], prop) : undefined);

// ---- utils.js: what an argument is.

const isOptionValue = (value) => value != null;
/** `--port --verbose`: a value that looks like an option (strict mode rejects it). */
const isOptionLikeValue = (value) => value != null && value.length > 1 && value[0] === "-";
const isLoneShortOption = (arg) => arg.length === 2 && arg[0] === "-" && arg[1] !== "-";
const isLoneLongOption = (arg) => arg.length > 2 && arg.startsWith("--") && !arg.includes("=", 3);
const isLongOptionAndValue = (arg) => arg.length > 2 && arg.startsWith("--") && arg.includes("=", 3);
const isShortLike = (arg) => arg.length > 2 && arg[0] === "-" && arg[1] !== "-";
/** `-ab`: short options grouped behind one dash (the first one not a string option). */
const isShortOptionGroup = (arg, options) => isShortLike(arg) && optionsGetOwn(options, findLongOptionForShort(arg[1], options), "type") !== "string";
/** `-fFILE`: a short string option and its value. */
const isShortOptionAndValue = (arg, options) => {
  validateObject(options, "options");
  return isShortLike(arg) && optionsGetOwn(options, findLongOptionForShort(arg[1], options), "type") === "string";
};

/** The long option whose `short` is `shortOption`, or the short option itself. */
function findLongOptionForShort(shortOption, options) {
  validateObject(options, "options");
  const entry = Object.entries(options).find(([, config]) => objectGetOwn(config, "short") === shortOption);
  return entry?.[0] ?? shortOption;
}

const useDefaultValueOption = (longOption, optionConfig, values) => objectGetOwn(optionConfig, "default") !== undefined && values[longOption] === undefined;

// ---- parse_args.js

const invalidOptionValue = (message) => nodeError(TypeError, "ERR_PARSE_ARGS_INVALID_OPTION_VALUE", message);

function unknownOption(option, allowPositionals) {
  const suggestDashDash = allowPositionals ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(option)}` : "";
  return nodeError(TypeError, "ERR_PARSE_ARGS_UNKNOWN_OPTION", `Unknown option '${option}'${suggestDashDash}`);
}

/** Strict mode: `--port --verbose` is ambiguous when `--port` takes a value. */
function checkOptionLikeValue(token) {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    const example = token.rawName.startsWith("--") ? `'${token.rawName}=-XYZ'` : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw invalidOptionValue(`Option '${token.rawName}' argument is ambiguous.
Did you forget to specify the option argument for '${token.rawName}'?
To specify an option argument starting with a dash use ${example}.`);
  }
}

/** Strict mode: the option is known, and has a value exactly when it is a string option. */
function checkOptionUsage(config, token) {
  let tokenName = token.name;
  if (!hasOwn(config.options, tokenName)) {
    const negated = config.allowNegative && tokenName.startsWith("no-");
    if (negated) tokenName = tokenName.slice(3);
    if (!negated || !hasOwn(config.options, tokenName) || optionsGetOwn(config.options, tokenName, "type") !== "boolean") {
      throw unknownOption(token.rawName, config.allowPositionals);
    }
  }
  const short = optionsGetOwn(config.options, tokenName, "short");
  const shortAndLong = `${short ? `-${short}, ` : ""}--${tokenName}`;
  const type = optionsGetOwn(config.options, tokenName, "type");
  if (type === "string" && typeof token.value !== "string") throw invalidOptionValue(`Option '${shortAndLong} <value>' argument missing`);
  if (type === "boolean" && token.value != null) throw invalidOptionValue(`Option '${shortAndLong}' does not take an argument`);
}

/** Stores the token's value (true for a flag) under its long name; `multiple` collects. */
function storeOption(token, options, values, allowNegative) {
  let longOption = token.name;
  let optionValue = token.value;
  if (longOption === "__proto__") return;
  if (allowNegative && longOption.startsWith("no-") && optionValue === undefined) {
    longOption = longOption.slice(3);
    token.name = longOption;
    optionValue = false;
  }
  const newValue = optionValue ?? true;
  if (optionsGetOwn(options, longOption, "multiple")) {
    if (values[longOption]) values[longOption].push(newValue);
    else values[longOption] = [newValue];
  } else {
    values[longOption] = newValue;
  }
}

/** An option token for `arg` (the value taken from the next argument for a string option). */
function optionToken(name, arg, index, remainingArgs, options) {
  let value;
  let inlineValue;
  if (optionsGetOwn(options, name, "type") === "string" && isOptionValue(remainingArgs[0])) {
    value = remainingArgs.shift();
    inlineValue = false;
  }
  return { kind: "option", name, rawName: arg, index, value, inlineValue };
}

/** `-abc` as `-a -b -c`, or `-abfFILE` as `-a -b -fFILE` when `f` takes a value. */
function expandShortGroup(arg, options) {
  const expanded = [];
  for (let index = 1; index < arg.length; index++) {
    const shortOption = arg[index];
    const longOption = findLongOptionForShort(shortOption, options);
    if (optionsGetOwn(options, longOption, "type") !== "string" || index === arg.length - 1) {
      expanded.push(`-${shortOption}`);
    } else {
      expanded.push(`-${arg.slice(index)}`);
      break;
    }
  }
  return expanded;
}

/** The arguments as tokens: options (with their values), positionals, the `--` terminator. */
function argsToTokens(args, options) {
  const tokens = [];
  let index = -1;
  let groupCount = 0;
  const remainingArgs = args.slice();
  while (remainingArgs.length > 0) {
    const arg = remainingArgs.shift();
    if (groupCount > 0) groupCount--;
    else index++;

    if (arg === "--") {
      tokens.push({ kind: "option-terminator", index });
      tokens.push(...remainingArgs.map((value) => ({ kind: "positional", index: ++index, value })));
      break;
    }
    if (isLoneShortOption(arg)) {
      const token = optionToken(findLongOptionForShort(arg[1], options), arg, index, remainingArgs, options);
      tokens.push(token);
      if (token.value != null) ++index;
      continue;
    }
    if (isShortOptionGroup(arg, options)) {
      const expanded = expandShortGroup(arg, options);
      remainingArgs.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }
    if (isShortOptionAndValue(arg, options)) {
      const name = findLongOptionForShort(arg[1], options);
      tokens.push({ kind: "option", name, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (isLoneLongOption(arg)) {
      const token = optionToken(arg.slice(2), arg, index, remainingArgs, options);
      tokens.push(token);
      if (token.value != null) ++index;
      continue;
    }
    if (isLongOptionAndValue(arg)) {
      const equalIndex = arg.indexOf("=");
      const name = arg.slice(2, equalIndex);
      tokens.push({ kind: "option", name, rawName: `--${name}`, index, value: arg.slice(equalIndex + 1), inlineValue: true });
      continue;
    }
    tokens.push({ kind: "positional", index, value: arg });
  }
  return tokens;
}

/** Node's checks on each option's configuration. */
function validateOptionConfig(longOption, optionConfig) {
  validateObject(optionConfig, `options.${longOption}`);
  const optionType = objectGetOwn(optionConfig, "type");
  if (!["string", "boolean"].includes(optionType)) throw invalidArgType(`options.${longOption}.type`, "('string|boolean')", optionType);
  if (hasOwn(optionConfig, "short")) {
    const shortOption = optionConfig.short;
    validateString(shortOption, `options.${longOption}.short`);
    if (shortOption.length !== 1) throw invalidArgValue(`options.${longOption}.short`, shortOption, "must be a single character");
  }
  const multipleOption = objectGetOwn(optionConfig, "multiple");
  if (hasOwn(optionConfig, "multiple")) validateBoolean(multipleOption, `options.${longOption}.multiple`);
  const defaultValue = objectGetOwn(optionConfig, "default");
  if (defaultValue !== undefined) {
    const name = `options.${longOption}.default`;
    if (multipleOption) validateArrayOf(defaultValue, name, optionType);
    else if (optionType === "string") validateString(defaultValue, name);
    else validateBoolean(defaultValue, name);
  }
}

/** `util.parseArgs(config)`; `mainArgs()` is what `args` defaults to (`process.argv` minus node and the file). */
export function parseArgs(config, mainArgs) {
  const args = objectGetOwn(config, "args") ?? mainArgs();
  const strict = objectGetOwn(config, "strict") ?? true;
  const allowPositionals = objectGetOwn(config, "allowPositionals") ?? !strict;
  const returnTokens = objectGetOwn(config, "tokens") ?? false;
  const allowNegative = objectGetOwn(config, "allowNegative") ?? false;
  const options = objectGetOwn(config, "options") ?? { __proto__: null };
  const parseConfig = { args, strict, options, allowPositionals, allowNegative };

  validateArray(args, "args");
  validateBoolean(strict, "strict");
  validateBoolean(allowPositionals, "allowPositionals");
  validateBoolean(returnTokens, "tokens");
  validateBoolean(allowNegative, "allowNegative");
  validateObject(options, "options");
  for (const [longOption, optionConfig] of Object.entries(options)) validateOptionConfig(longOption, optionConfig);

  const tokens = argsToTokens(args, options);
  const result = { values: { __proto__: null }, positionals: [] };
  if (returnTokens) result.tokens = tokens;
  for (const token of tokens) {
    if (token.kind === "option") {
      if (strict) {
        checkOptionUsage(parseConfig, token);
        checkOptionLikeValue(token);
      }
      storeOption(token, options, result.values, allowNegative);
    } else if (token.kind === "positional") {
      if (!allowPositionals) throw nodeError(TypeError, "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL", `Unexpected argument '${token.value}'. This command does not take positional arguments`);
      result.positionals.push(token.value);
    }
  }
  for (const [longOption, optionConfig] of Object.entries(options)) {
    if (useDefaultValueOption(longOption, optionConfig, result.values) && longOption !== "__proto__") {
      result.values[longOption] = objectGetOwn(optionConfig, "default");
    }
  }
  return result;
}
