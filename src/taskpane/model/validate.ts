import {
  CALLPRICE,
  checkStop,
  checkTarget,
  FXCONVERT,
  D,
  convert,
  inverseRiskSize,
  isEngineError,
  pairText,
  readCurrency,
  readPair,
  ROUNDSTEP,
  LIQPRICE,
  MAINTMARGIN,
  NOTIONAL,
  RISKSIZE,
  roundStep,
  SCENARIOS,
  type Dec,
  type Pair,
  type Side,
} from "../../engine";
import { PRESETS, type Preset } from "./presets";
import { findSymbol, type SymbolInfo } from "./symbols";
import { priceDigits } from "./formats";
import { coinOf, MAX_SCENARIO_ROWS, type Conversion, type FieldErrors, type FieldId, type FormValues, type MarginView, type TierRead, type Trade } from "./form";
import { blank, engineTakes, FieldProblem, num, onStep, onTick, otherPositions, pct, positive, priceList, readLev, readRisk, tierTable, viaSpec } from "./form-read";

/**
 * Validation: every field read and checked before anything is computed or written, the trade when all is
 * well, otherwise one message per field at fault.
 */

// ─── Validation ──────────────────────────────────────────────────────────────────────────────────────

export interface Validation {
  trade?: Trade;
  errors: FieldErrors;
}

/** Reads one field: its value, or its problem recorded in `errors` and undefined. */
type FieldReader = <T>(id: FieldId, read: () => T) => T | undefined;

/** The forex conversion: the account currency, and where it is not the quote currency, the rate pair and rate. */
function readConversion(v: FormValues, field: FieldReader, pair: Pair | undefined): { accountCcy?: string; fx?: Conversion } {
  const account = field("accountCcy", () => {
    try {
      return readCurrency(v.accountCcy, "accountCcy");
    } catch {
      throw new FieldProblem('The account currency is a three-letter code, such as "USD".');
    }
  });
  if (!account || !pair || pair.quote === account) return { accountCcy: account };
  const ratePair = field("ratePair", () => {
    let rp: Pair;
    try {
      rp = readPair(v.ratePair, "ratePair");
    } catch {
      throw new FieldProblem(`Give the pair whose price converts ${pair.quote} into ${account}, such as ${pair.quote}/${account} or ${account}/${pair.quote}.`);
    }
    try {
      convert({ amount: new D(1), from: pair.quote, to: account, ratePair: rp, rate: new D(1) });
    } catch {
      throw new FieldProblem(`${pairText(rp)} does not join ${pair.quote} and ${account}: give the price of ${pair.quote}/${account} or ${account}/${pair.quote}.`);
    }
    return rp;
  });
  const rate = field("rate", () => {
    const r = num(v.rate, `the price of ${ratePair ? pairText(ratePair) : "the rate pair"}, which converts ${pair.quote} amounts into ${account}`);
    // the bounds of the rate LEV.FXCONVERT converts at
    if (!engineTakes(() => FXCONVERT.params.rate.read(r.toString(), "rate"))) throw new FieldProblem("The conversion rate must be more than 0.");
    return r;
  });
  if (!ratePair || !rate) return { accountCcy: account };
  return { accountCcy: account, fx: { base: pair.base, quote: pair.quote, account, ratePair: pairText(ratePair), rate } };
}

/** What the steps of `validate` share: the form, where problems go, and the field reader that records them. */
interface Reading {
  v: FormValues;
  errors: FieldErrors;
  field: FieldReader;
}

/** The market chosen, and what it implies: liquidation or stop-out, coin-margined or not. */
function readMarket({ v, errors }: Reading) {
  const market = PRESETS.find((p) => p.id === v.market);
  if (!market) errors.market = "Choose a market.";
  else if (!market.available) errors.market = `${market.label} cannot be simulated yet. Choose another market.`;
  return { market, liquidates: market?.ending === "liquidation", inverse: market?.account === "coin" };
}

/** The symbol (a currency pair for forex), its entry in LEV's table of symbols, and its price and quantity steps. */
function readInstrument({ v, field }: Reading, market: Preset | undefined) {
  const symbol = field("symbol", () => {
    const t = v.symbol.trim();
    if (t === "") throw new FieldProblem(`Enter the symbol you trade, such as ${market?.defaults.symbol.value ?? "BTCUSDT"}.`);
    return t;
  });
  const pair = market?.id === "forex" && symbol
    ? field("symbol", () => {
        try {
          return readPair(symbol, "symbol");
        } catch {
          throw new FieldProblem(`A forex symbol is a currency pair, such as EUR/USD or USDJPY; "${symbol}" is not one.`);
        }
      })
    : undefined;
  const info = market && symbol ? findSymbol(market.id, symbol) : undefined;
  const tick = field("tick", () => viaSpec(ROUNDSTEP.params.step, v.tick, "the price step (tick)"));
  const quantityStep = field("quantityStep", () => viaSpec(ROUNDSTEP.params.step, v.quantityStep, "the quantity step"));
  return { symbol, pair, info, tick, quantityStep, named: symbol ?? "the symbol" };
}

/** Balance, entry, leverage and contract size, each read by the engine argument it feeds (its reader and bounds). */
function readPosition({ v, field }: Reading, tick: Dec | undefined, named: string) {
  return {
    balance: field("balance", () => viaSpec(SCENARIOS.params.balance, v.balance, "the account balance")),
    entry: field("entry", () => onTick(viaSpec(LIQPRICE.params.entry, v.entry, "the entry price"), tick, v.tick, named, "the entry price")),
    leverage: field("leverage", () => readLev(v.leverage)),
    contractSize: field("contractSize", () => viaSpec(NOTIONAL.params.contract_size, v.contractSize, "the contract size")),
    side: (v.side === "short" ? -1 : 1) as Side,
  };
}

/** The stop (on the losing side of entry, by the engine's rule) and the take profit, each on the symbol's tick. */
function readStopAndTarget({ v, field }: Reading, p: { side: Side; entry?: Dec; tick?: Dec; named: string }) {
  const { side, entry, tick, named } = p;
  const stop = field("stop", () => {
    if (blank(v.stop)) {
      if (v.sizeMode === "risk") throw new FieldProblem("Enter a stop price: sizing from risk needs one.");
      return undefined;
    }
    const s = onTick(viaSpec(RISKSIZE.params.stop, v.stop, "the stop price"), tick, v.tick, named, "the stop price");
    if (entry && !engineTakes(() => checkStop({ side, entry, stop: s }))) {
      throw new FieldProblem(
        side === 1 ? "For a long, the stop must be below the entry price." : "For a short, the stop must be above the entry price.",
      );
    }
    return s;
  });
  const target = field("target", () => {
    if (blank(v.target)) return undefined;
    const t = onTick(viaSpec(RISKSIZE.params.stop, v.target, "the take-profit price"), tick, v.tick, named, "the take-profit price");
    if (entry && !engineTakes(() => checkTarget({ side, entry, target: t }))) {
      throw new FieldProblem(
        side === 1 ? "For a long, the take profit must be at or above the entry price." : "For a short, the take profit must be at or below the entry price.",
      );
    }
    return t;
  });
  return { stop, target };
}

/**
 * The margin rules: a maintenance rate or a tier table and the account's other positions (liquidation
 * markets), or the margin-call and stop-out levels (stop-out markets).
 */
function readMargin(r: Reading, m: { liquidates: boolean; inverse: boolean; named: string; info?: SymbolInfo }, read?: TierRead, othersRead?: TierRead) {
  const { v, field, errors } = r;
  const { liquidates, inverse, named, info } = m;
  const table = liquidates && v.mmrSource === "table" ? field("mmrTable", () => tierTable(v.mmrTable, read)) : undefined;
  const usesOthers = liquidates && !inverse && v.marginMode === "cross" && !blank(v.others);
  const others = usesOthers
    ? field("others", () => {
        if (v.mmrSource === "table") {
          throw new FieldProblem("With other positions, give this trade's maintenance margin as a rate, as each row of the positions table gives its own.");
        }
        return otherPositions(v.others, othersRead);
      })
    : undefined;
  const mmr = field("mmr", () => {
    if (!liquidates || v.mmrSource === "table") return new D(0);
    if (blank(v.mmr)) {
      throw new FieldProblem(`Enter the maintenance-margin rate of your bracket for ${named}${info ? ": LEV's table of symbols does not carry it" : ""}.`);
    }
    return viaSpec(MAINTMARGIN.params.mmr, v.mmr, "the maintenance-margin rate", true);
  });
  const levelField = (id: "callLevel" | "stopoutLevel", what: string) =>
    field(id, () => {
      if (liquidates) return new D(0);
      return viaSpec(CALLPRICE.params.level, v[id], `the ${what}`, true);
    });
  const callLevel = levelField("callLevel", "margin-call level");
  const stopoutLevel = levelField("stopoutLevel", "stop-out level");
  if (callLevel && stopoutLevel && !liquidates && stopoutLevel.gt(callLevel)) {
    errors.stopoutLevel = "The stop-out level should not be above the margin-call level.";
  }
  const complete = mmr && (table || !liquidates || v.mmrSource !== "table") && callLevel && stopoutLevel && (others || !usesOthers);
  return complete ? { mmr, tierTable: table, others, callLevel, stopoutLevel } : undefined;
}

/** Fees, funding, the holding period and the walkthrough's adverse move. */
function readCosts({ v, field }: Reading) {
  const feeRate = field("feeRate", () => {
    return blank(v.feeRate) ? new D(0) : viaSpec(SCENARIOS.params.fee_rate, v.feeRate, "the fee rate", true);
  });
  const fundingRate = field("fundingRate", () => (blank(v.fundingRate) ? new D(0) : pct(v.fundingRate, "the funding rate")));
  const fundingIntervalHours = field("fundingIntervalHours", () =>
    positive(num(v.fundingIntervalHours, "the funding interval in hours"), "the funding interval"),
  );
  const holdingDays = field("holdingDays", () => {
    const d = blank(v.holdingDays) ? new D(0) : num(v.holdingDays, "the holding period in days");
    if (d.lt(0)) throw new FieldProblem("The holding period cannot be negative.");
    return d;
  });
  const walkMove = field("walkMove", () => {
    const m = pct(v.walkMove, "the adverse move for the walkthrough");
    if (m.lte(0) || m.gte(1)) throw new FieldProblem("The adverse move must be more than 0 % and below 100 %.");
    return m;
  });
  return feeRate && fundingRate && fundingIntervalHours && holdingDays && walkMove ? { feeRate, fundingRate, fundingIntervalHours, holdingDays, walkMove } : undefined;
}

/** What caps the leverage: the exchange's maximum for the symbol (when known), or a region's retail cap for the asset class. */
function capOf(market: Preset, info: SymbolInfo | undefined): Trade["cap"] {
  const exchangeCap = info?.cap && info.cap.leverage !== "" ? info.cap : undefined;
  return market.cap.kind === "exchange"
    ? { kind: "exchange" as const, exchange: exchangeCap }
    : { kind: "retail" as const, assetClass: info?.assetClass ?? market.cap.assetClass };
}

/** A reader that records a field's problem in `errors` and gives undefined for it. */
function fieldReader(errors: FieldErrors): FieldReader {
  return (id, read) => {
    try {
      return read();
    } catch (e) {
      if (e instanceof FieldProblem) errors[id] = e.message;
      else throw e;
      return undefined;
    }
  };
}

/**
 * Reads and checks every field. Returns the trade when all is well, otherwise one message per field
 * at fault. Sizing from risk is the engine's RISKSIZE with the fee rate (capped so the margin fits the
 * balance, rounded down to the quantity step), or its inverse form for coin-margined contracts.
 */
export function validate(v: FormValues, read?: TierRead, othersRead?: TierRead): Validation {
  const errors: FieldErrors = {};
  const r: Reading = { v, errors, field: fieldReader(errors) };
  const { market, liquidates, inverse } = readMarket(r);
  const { symbol, pair, info, tick, quantityStep, named } = readInstrument(r, market);
  const { balance, entry, leverage, contractSize, side } = readPosition(r, tick, named);
  const conversion = market?.id === "forex" ? readConversion(v, r.field, pair) : {};
  const { stop, target } = readStopAndTarget(r, { side, entry, tick, named });
  const margin = readMargin(r, { liquidates, inverse, named, info }, read, othersRead);
  const costs = readCosts(r);
  const scenario = readScenario(v, r.field, errors);

  const base =
    market && symbol && tick && quantityStep && balance && entry && leverage && contractSize && margin && costs && scenario
      ? {
          market,
          symbol,
          info,
          tick: v.tick.trim(),
          quantityStep,
          prices: priceDigits(entry.toNumber(), v.tick.trim()),
          cap: capOf(market, info),
          ...conversion,
          balance,
          side,
          sideWord: v.side,
          view: (liquidates ? (v.marginMode === "cross" ? "cross" : "isolated") : "account") as MarginView,
          entry,
          leverage,
          leverageText: v.leverage.trim(),
          sizeMode: v.sizeMode,
          contractSize,
          stop,
          target,
          inverse,
          coin: inverse ? coinOf(symbol) : "",
          ...margin,
          ...costs,
          region: v.region,
          scenario,
          output: v.output,
        }
      : undefined;
  if (market?.id === "forex" && conversion.accountCcy && pair && pair.quote !== conversion.accountCcy && !conversion.fx) return { errors };

  const sized = readSize(v, r.field, { base, inverse, entry, contractSize, stop, quantityStep });
  if (Object.keys(errors).length > 0 || !base || !sized.quantity) return { errors };
  return { errors, trade: { ...base, quantity: sized.quantity, risk: sized.risk } };
}

/** The scenario prices: a range of moves or a list of prices. */
function readScenario(v: FormValues, field: FieldReader, errors: FieldErrors): Trade["scenario"] | undefined {
  if (v.scenarioKind === "list") {
    const prices = field("priceList", () => priceList(v.priceList));
    return prices ? { kind: "list", prices } : undefined;
  }
  const from = field("moveFrom", () => pct(v.moveFrom, "the first move"));
  const to = field("moveTo", () => pct(v.moveTo, "the last move"));
  const step = field("moveStep", () => positive(pct(v.moveStep, "the step between moves"), "the step"));
  if (from && from.lte(-1)) errors.moveFrom = "A move of −100 % or more would take the price to zero. Start above −100 %.";
  if (from && to && to.lt(from)) errors.moveTo = "The last move must not be below the first.";
  if (!from || !to || !step || errors.moveFrom || errors.moveTo) return undefined;
  const rows = to.sub(from).div(step).floor().add(1);
  if (rows.gt(MAX_SCENARIO_ROWS)) {
    errors.moveStep = `That makes ${rows.toString()} rows; use a larger step (at most ${MAX_SCENARIO_ROWS} rows).`;
    return undefined;
  }
  return { kind: "range", from, to, step };
}

/**
 * The size: a quantity typed on the quantity step; a position value turned into whole steps (rounded down, so
 * the position is never worth more than asked); or the size that loses the risk at the stop, fees included
 * (RISKSIZE, or the engine's inverse sizing in whole contracts).
 */
function readSize(
  v: FormValues,
  field: FieldReader,
  t: {
    base?: Omit<Trade, "quantity" | "risk">;
    inverse: boolean;
    entry?: Dec;
    contractSize?: Dec;
    stop?: Dec;
    quantityStep?: Dec;
  },
): { quantity?: Dec; risk?: Dec } {
  const { inverse, entry, contractSize, quantityStep: step } = t;
  if (v.sizeMode === "quantity") {
    const quantity = field("quantity", () => {
      const q = viaSpec(SCENARIOS.params.quantity, v.quantity, inverse ? "the number of contracts" : "the quantity");
      if (inverse && !q.isInteger()) throw new FieldProblem("Inverse contracts come whole: enter a whole number of contracts, such as 100.");
      return onStep(q, step, inverse ? "the number of contracts" : "the quantity");
    });
    return { quantity };
  }
  if (v.sizeMode === "value") {
    const value = field("value", () => positive(num(v.value, "the position value"), "the position value"));
    if (!value || !entry || !contractSize || !step) return {};
    const quantity = field("value", () => {
      // Quantity is value ÷ (price × contract size), the NOTIONAL relation read backwards; contracts are the coin
      // value × price ÷ contract value (INVNOTIONAL read backwards). Whole steps, rounded down.
      const exact = inverse ? value.mul(entry).div(contractSize) : value.div(entry.mul(contractSize));
      const q = roundStep({ value: exact, step: inverse ? D.max(step, 1) : step, mode: "down" });
      if (q.lte(0)) {
        throw new FieldProblem(
          inverse
            ? `That value buys less than one contract of ${contractSize.toString()} USD at this price.`
            : `That value buys less than one quantity step (${step.toString()}) at this price.`,
        );
      }
      return q;
    });
    return { quantity };
  }
  const risk = field("riskPct", () => readRisk(v.riskPct));
  const base = t.base;
  if (!base || !risk || !t.stop) return { risk };
  const stop = t.stop;
  const quantity = field("riskPct", () => {
    let q: Dec;
    try {
      q = inverse
        ? // contracts that lose balance × risk (in coin) at the stop with both fees, no more than the balance can
          // margin at this leverage, in whole steps rounded down
          inverseRiskSize({ equityCoin: base.balance, risk, entry: base.entry, stop, contractValue: base.contractSize, leverage: base.leverage, step: D.max(base.quantityStep, 1), feeRate: base.feeRate })
        : (RISKSIZE.call({
            equity: base.balance.toString(),
            risk: risk.toString(),
            entry: base.entry.toString(),
            stop: stop.toString(),
            contract_size: base.contractSize.toString(),
            leverage: base.leverage.toString(),
            step: base.quantityStep.toString(),
            fee_rate: base.feeRate.toString() }) as Dec);
    } catch (e) {
      if (isEngineError(e)) throw new FieldProblem(`The size cannot be worked out from this risk: ${e.message}.`);
      throw e;
    }
    if (q.lte(0)) {
      throw new FieldProblem(
        inverse
          ? "That risk buys less than one contract. Raise the risk or move the stop closer."
          : "That risk buys less than the smallest quantity step. Raise the risk or move the stop closer.",
      );
    }
    return q;
  });
  return { quantity, risk };
}
