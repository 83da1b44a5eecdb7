import { D, Dec } from "../spec/decimal";
import { Side } from "../spec/read";
import { leverage, number, optional, side } from "../spec/params";
import { define } from "../spec/define";

/**
 * Inverse (coin-margined) contracts: each contract is worth a fixed amount of the quote currency
 * (`contract_value`, e.g. 1 USD on BitMEX XBTUSD, 100 USD on Binance COIN-M BTCUSD), and margin and
 * profit are counted in the coin. Sources: BitMEX "Inverse Futures Guide" (PnL
 * `contracts·multiplier·(1/entry − 1/exit)`); Bybit "Profit & Loss calculations (Inverse Contracts)";
 * Binance FAQ "Leverage and Margin in Coin-Margined Futures Contracts" (notional in coin
 * `contracts·contract size/mark`).
 */

const ONE = new D(1);
const price = () => number({ gt: 0 });

/** The coin value of inverse contracts: contracts·contract_value/price. */
export function inverseNotional(a: { contracts: Dec; price: Dec; contractValue: Dec }): Dec {
  return a.contracts.mul(a.contractValue).div(a.price);
}
export const INVNOTIONAL = define(
  { contracts: number({ ge: 0 }), price: price(), contract_value: optional(number({ gt: 0 }), ONE) },
  (a) => inverseNotional({ contracts: a.contracts, price: a.price, contractValue: a.contract_value }),
);

/** Profit of an inverse position, in coin: side·contracts·cv·(1/entry − 1/exit). */
export function inversePnl(a: { side: Side; entry: Dec; exit: Dec; contracts: Dec; contractValue: Dec }): Dec {
  const perContract = ONE.div(a.entry).sub(ONE.div(a.exit));
  return perContract.mul(a.contracts).mul(a.contractValue).mul(a.side);
}
export const INVPNL = define(
  {
    side,
    entry: price(),
    exit: price(),
    contracts: number({ ge: 0 }),
    contract_value: optional(number({ gt: 0 }), ONE),
  },
  (a) => inversePnl({ ...a, contractValue: a.contract_value }),
);

/**
 * Return on initial margin of an inverse position: side·leverage·(1 − entry/exit). It is INVPNL divided
 * by the coin margin contracts·cv/(entry·leverage), so contracts and contract value cancel.
 */
export function inverseRoe(a: { side: Side; entry: Dec; exit: Dec; leverage: Dec }): Dec {
  return ONE.sub(a.entry.div(a.exit)).mul(a.leverage).mul(a.side);
}
export const INVROE = define({ side, entry: price(), exit: price(), leverage }, inverseRoe);
