/*
 * Formulas as a file stores them and as the playground types them.
 *
 * Excel stores an add-in's JavaScript function under `_xldudf_<NAMESPACE>_<ID>`: `=LEV.MARGIN(A1, 50)` is
 * `_xldudf_LEV_MARGIN(A1, 50)` in the file (a real Excel-for-Mac file in
 * evelyn-chrono/officejs-custom-functions-name-error-repro stores `_xldudf_CONTOSO_ADD(1,2)`; xlwings'
 * xlwingsjs/tests/udf_tests_officejs.xlsx stores `_xldudf_XLWINGSJS_READ_FLOAT(2)`). Functions Excel added
 * after the 2007 file format are stored with `_xlfn.` (FILTER and SORT with `_xlfn._xlws.`), as
 * Microsoft's MS-XLSX "future functions" and XlsxWriter's documentation of formulas describe; without it
 * Excel shows #NAME?.
 *
 * Reading undoes both, and also takes the plain form (`LEV.MARGIN(`, a call typed before the add-in was
 * loaded) and the damaged form Excel leaves when another add-in's link captured the call
 * (`[2]!_xldudf_LEV_MARGIN(`, office-js #2568; `BloombergUI.xla!_xldudf_…`, office-js #2051).
 */

/** The playground's namespace; its functions' ids are their names (a test checks functions.json). */
export const LEV_NAMESPACE = "LEV";

/** Functions newer than the 2007 file format: stored as `_xlfn.NAME`. */
const FUTURE = new Set(
  (
    "ACOT ACOTH AGGREGATE ANCHORARRAY ARABIC ARRAYTOTEXT BASE BETA.DIST BETA.INV BINOM.DIST BINOM.DIST.RANGE BINOM.INV BITAND BITLSHIFT " +
    "BITOR BITRSHIFT BITXOR BYCOL BYROW CEILING.MATH CEILING.PRECISE CHISQ.DIST CHISQ.DIST.RT CHISQ.INV CHISQ.INV.RT CHISQ.TEST " +
    "CHOOSECOLS CHOOSEROWS COMBINA CONCAT CONFIDENCE.NORM CONFIDENCE.T COT COTH COVARIANCE.P COVARIANCE.S CSC CSCH DAYS DECIMAL " +
    "DROP ECMA.CEILING ERF.PRECISE ERFC.PRECISE EXPAND EXPON.DIST F.DIST F.DIST.RT F.INV F.INV.RT F.TEST FIELDVALUE FILTERXML " +
    "FLOOR.MATH FLOOR.PRECISE FORECAST.ETS FORECAST.ETS.CONFINT FORECAST.ETS.SEASONALITY FORECAST.ETS.STAT FORECAST.LINEAR " +
    "FORMULATEXT GAMMA GAMMA.DIST GAMMA.INV GAMMALN.PRECISE GAUSS GROUPBY HSTACK HYPGEOM.DIST IFNA IFS IMAGE IMCOSH IMCOT IMCSC " +
    "IMCSCH IMSEC IMSECH IMSINH IMTAN ISFORMULA ISO.CEILING ISOMITTED ISOWEEKNUM LAMBDA LET LOGNORM.DIST LOGNORM.INV MAKEARRAY MAP " +
    "MAXIFS MINIFS MODE.MULT MODE.SNGL MUNIT NEGBINOM.DIST NETWORKDAYS.INTL NORM.DIST NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE " +
    "PDURATION PERCENTILE.EXC PERCENTILE.INC PERCENTOF PERCENTRANK.EXC PERCENTRANK.INC PERMUTATIONA PHI PIVOTBY POISSON.DIST " +
    "QUARTILE.EXC QUARTILE.INC QUERYSTRING RANDARRAY RANK.AVG RANK.EQ REDUCE REGEXEXTRACT REGEXREPLACE REGEXTEST RRI SCAN SEC SECH " +
    "SEQUENCE SHEET SHEETS SINGLE SKEW.P SORTBY STDEV.P STDEV.S SWITCH T.DIST T.DIST.2T T.DIST.RT T.INV T.INV.2T T.TEST TAKE " +
    "TEXTAFTER TEXTBEFORE TEXTJOIN TEXTSPLIT TOCOL TOROW TRIMRANGE UNICHAR UNICODE UNIQUE VALUETOTEXT VAR.P VAR.S VSTACK WEBSERVICE " +
    "WEIBULL.DIST WORKDAY.INTL WRAPCOLS WRAPROWS XLOOKUP XMATCH XOR Z.TEST"
  ).split(" "),
);
/** Worksheet functions stored with `_xlfn._xlws.`. */
const WORKSHEET_FUTURE = new Set(["FILTER", "SORT"]);

/**
 * Dotted names that are not an add-in's call: Excel's ERROR.TYPE (from before 2010) and HyperFormula's own
 * HF.* operators. Every other `NAMESPACE.NAME(` not in FUTURE is an add-in's call.
 */
const NOT_ADDIN = /^(HF\..*|ERROR\.TYPE)$/;

/** Whether a dotted name (upper case) is not an Excel function but an add-in's call, such as LEV.MARGIN. */
export function isAddinCall(upper: string): boolean {
  return upper.indexOf(".") > 0 && !upper.startsWith("_XL") && !FUTURE.has(upper) && !NOT_ADDIN.test(upper);
}

/** Function names followed by "(" outside text in quotes and quoted sheet names. */
function eachCall(formula: string, replace: (name: string, before: string) => string): string {
  // a quoted text or sheet name, or a name followed by "(" (a function call), or anything else
  return formula.replace(/("(?:[^"]|"")*")|('(?:[^']|'')*')|((?:\[\d+\]!|[\w.]+\.xla[mx]?!)?[A-Za-z_][\w.]*)(?=\s*\()/g, (m, text, sheet, name, offset: number, whole: string) => {
    if (text || sheet) return m;
    const before = whole[offset - 1];
    if (before && /[\w.!\]']/.test(before)) return m; // part of a longer name or a sheet reference
    return replace(name as string, before ?? "");
  });
}

/** A formula (without "=") as Excel stores it. */
export function formulaToFile(formula: string): string {
  return eachCall(formula, (name) => {
    const upper = name.toUpperCase();
    if (upper.startsWith("_XL")) return name;
    if (WORKSHEET_FUTURE.has(upper)) return `_xlfn._xlws.${upper}`;
    if (FUTURE.has(upper)) return `_xlfn.${upper}`;
    if (!isAddinCall(upper)) return name;
    // an add-in's call: LEV.MARGIN → _xldudf_LEV_MARGIN
    const dot = upper.indexOf(".");
    return `_xldudf_${upper.slice(0, dot)}_${upper.slice(dot + 1).replace(/\./g, "_")}`;
  });
}

/** A formula Excel stored (without "="), as the playground types it. */
export function formulaFromFile(stored: string): string {
  return eachCall(stored, (name) => {
    const bare = name.replace(/^(?:\[\d+\]!|[\w.]+\.xla[mx]?!)(?=_xldudf_)/i, "");
    const udf = /^_xldudf_([A-Z0-9]+)_(\w+)$/i.exec(bare);
    if (udf) return `${udf[1]!.toUpperCase()}.${udf[2]!.toUpperCase()}`;
    return bare.replace(/^(?:_xlfn\.)?(?:_xlws\.)?/i, "");
  });
}

/** Whether a formula calls a LEV function. */
export function callsLev(formula: string): boolean {
  let found = false;
  eachCall(formula, (name) => {
    if (name.toUpperCase().startsWith(`${LEV_NAMESPACE}.`)) found = true;
    return name;
  });
  return found;
}

/** The LEV function ids a formula calls ("MARGIN"). */
export function levIds(formula: string): string[] {
  const out: string[] = [];
  eachCall(formula, (name) => {
    const upper = name.toUpperCase();
    if (upper.startsWith(`${LEV_NAMESPACE}.`)) out.push(upper.slice(LEV_NAMESPACE.length + 1));
    return name;
  });
  return out;
}

/**
 * Whether a formula's text is broken beyond any program's reading: brackets or quotes that do not close, or a
 * semicolon between arguments (files store formulas with commas). Excel never stores such a formula; the
 * playground's earlier versions saved some, with the non-Excel value #ERROR!.
 */
export function isBroken(formula: string): boolean {
  let depth = 0;
  const outside = formula.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, (m) => " ".repeat(m.length));
  if (/["']/.test(outside)) return true; // a quote that does not close
  for (const ch of outside) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return true;
    else if (ch === ";" && depth > 0) return true;
  }
  return depth !== 0;
}
