import * as X from "../arith/exact";

/**
 * The fast kernels of margin.ts's functions, for plain arguments (plain.ts), in exact scaled integers
 * (arith/exact.ts): each answers only with the double the Decimal path gives.
 */

/** MARGIN: notional/leverage, one division of exact values (the Decimal path's one rounding). */
export function marginKernel({ notional, leverage }: { notional: number; leverage: number }): number | undefined {
  const kn = X.decimals(notional);
  const kl = X.decimals(leverage);
  if ((kn | kl) < 0) return undefined;
  return X.ratio(X.integer(notional, kn), kn, X.integer(leverage, kl), kl);
}

/** NOTIONAL: price·quantity·contract size, a product of short decimals (exact in Decimal too). */
export function notionalKernel({ price, quantity, contract_size }: { price: number; quantity: number; contract_size: number }): number | undefined {
  const kp = X.decimals(price);
  const kq = X.decimals(quantity);
  const kc = X.decimals(contract_size);
  if ((kp | kq | kc) < 0) return undefined;
  const units = X.product(X.integer(quantity, kq), X.integer(contract_size, kc));
  return X.value(X.product(X.integer(price, kp), units), kp + kq + kc);
}

/** EQUITY: balance + Σ PnL (blanks skipped), a sum of short decimals at their largest scale: exact either way. */
export function equityKernel({ balance, floating_pnl }: { balance: number; floating_pnl: number[] }): number | undefined {
  let k = X.decimals(balance);
  if (k < 0) return undefined;
  for (let i = 0; i < floating_pnl.length; i++) {
    const kv = X.decimals(floating_pnl[i]!);
    if (kv < 0) return undefined;
    if (kv > k) k = kv;
  }
  const kb = X.decimals(balance);
  let total = X.lift(X.integer(balance, kb), kb, k);
  for (let i = 0; i < floating_pnl.length; i++) {
    const v = floating_pnl[i]!;
    const kv = X.decimals(v);
    total = X.exact(total + X.lift(X.integer(v, kv), kv, k));
  }
  return X.value(total, k);
}

/** FREEMARGIN: equity − used margin, a difference of short decimals at their larger scale: exact either way. */
export function freeMarginKernel({ equity, used_margin }: { equity: number; used_margin: number }): number | undefined {
  const ke = X.decimals(equity);
  const ku = X.decimals(used_margin);
  if ((ke | ku) < 0) return undefined;
  return X.value(X.sum(X.integer(equity, ke), ke, -X.integer(used_margin, ku), ku), ke > ku ? ke : ku);
}
