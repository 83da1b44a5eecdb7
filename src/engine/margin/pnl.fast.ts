import * as X from "../arith/exact";
import type { Side } from "../spec/read";

/**
 * The fast kernels of pnl.ts's functions, for plain arguments already read and screened by their generated
 * decoders (spec/decoders.ts), in exact scaled integers (arith/exact.ts): each answers only with the double the
 * Decimal path gives, or undefined.
 */

/** PNL: side·(exit − entry)·q·cs − fee·(entry + exit)·q·cs − fixed, a sum of products of short decimals: exact. */
export function pnlKernel(a: {
  side: Side;
  entry: number;
  exit: number;
  quantity: number;
  contract_size: number;
  fee_rate: number;
  fixed_fees: number;
}): number | undefined {
  const ke = X.decimals(a.entry);
  const kx = X.decimals(a.exit);
  const kq = X.decimals(a.quantity);
  const kc = X.decimals(a.contract_size);
  const kf = X.decimals(a.fee_rate);
  const kz = X.decimals(a.fixed_fees);
  if ((ke | kx | kq | kc | kf | kz) < 0) return undefined;
  // scales: prices kp, units ku, gross kp + ku, fees kp + ku + kf
  const kp = ke > kx ? ke : kx;
  const entry = X.lift(X.integer(a.entry, ke), ke, kp);
  const exit = X.lift(X.integer(a.exit, kx), kx, kp);
  const ku = kq + kc;
  const units = X.product(X.integer(a.quantity, kq), X.integer(a.contract_size, kc));
  const gross = X.product(X.exact(a.side * (exit - entry)), units);
  const fees = X.product(X.product(X.exact(entry + exit), units), X.integer(a.fee_rate, kf));
  const kn = kp + ku + kf;
  const net = X.sum(gross, kp + ku, -fees, kn);
  return X.value(X.sum(net, kn, -X.integer(a.fixed_fees, kz), kz), kn > kz ? kn : kz);
}

/** ROE: (side·(exit − entry) − fee·(entry + exit))·L over entry, one division of exact values (one rounding). */
export function roeKernel(a: { side: Side; entry: number; exit: number; leverage: number; fee_rate: number }): number | undefined {
  const ke = X.decimals(a.entry);
  const kx = X.decimals(a.exit);
  const kl = X.decimals(a.leverage);
  const kf = X.decimals(a.fee_rate);
  if ((ke | kx | kl | kf) < 0) return undefined;
  // prices at scale kp, the move at kp + kf
  const kp = ke > kx ? ke : kx;
  const entry = X.lift(X.integer(a.entry, ke), ke, kp);
  const exit = X.lift(X.integer(a.exit, kx), kx, kp);
  const fees = X.product(X.exact(entry + exit), X.integer(a.fee_rate, kf));
  const move = X.sum(X.exact(a.side * (exit - entry)), kp, -fees, kp + kf);
  return X.ratio(X.product(move, X.integer(a.leverage, kl)), kp + kf + kl, entry, kp);
}
