import { describe, expect, it } from "vitest";
import { ZkosError } from "../../ts/errors";
import { INVALID_TRANSACTION_NAMES, InternalBlockError, InvalidTransaction, NEVER_RAISED, isInvalidTransaction } from "../../ts/zksync/validation-errors";

describe("invalid-transaction reasons (§6.7)", () => {
  it("lists the reference's 34 variants once each, the never-raised five among them", () => {
    expect(INVALID_TRANSACTION_NAMES).toHaveLength(34);
    expect(new Set(INVALID_TRANSACTION_NAMES).size).toBe(34);
    for (const n of NEVER_RAISED) expect(INVALID_TRANSACTION_NAMES).toContain(n);
    expect([...NEVER_RAISED].sort()).toEqual(["AccessListNotSupported", "CallGasCostMoreThanGasLimit", "GasPriceLessThanBasefee", "InvalidChainId", "OverflowPaymentInTransaction"]);
  });

  const cases: [InvalidTransaction, string][] = [
    [new InvalidTransaction("NonceTooHigh", { tx: 5n, state: 3n }), "NonceTooHigh: nonce 5 is above the account nonce 3"],
    [new InvalidTransaction("NonceTooLow", { tx: 1n, state: 3n }), "NonceTooLow: nonce 1 is below the account nonce 3"],
    [new InvalidTransaction("LackOfFundForMaxFee", { fee: 100n, balance: 7n }), "LackOfFundForMaxFee: sender balance 7 cannot cover value + max fee × gas limit = 100"],
    [
      new InvalidTransaction("IncorrectFrom", { tx: new Uint8Array(20).fill(1), recovered: new Uint8Array(20).fill(2) }),
      `IncorrectFrom: signature recovers to 0x${"02".repeat(20)}, not the sender 0x${"01".repeat(20)}`,
    ],
    [new InvalidTransaction("Revert", { method: "PaymasterValidateAndPay", output: Uint8Array.of(0xab) }), "Revert: PaymasterValidateAndPay reverted with 0xab"],
    [new InvalidTransaction("Revert", { method: "AccountValidate", output: null }), "Revert: AccountValidate reverted"],
    [new InvalidTransaction("OutOfGasDuringValidation", {}), "OutOfGasDuringValidation: ran out of gas during validation"],
    [new InvalidTransaction("InvalidEncoding", { offset: 96, rule: "gasLimit: high 24 bytes must be zero" }), "InvalidEncoding: transaction encoding is invalid at body offset 96: gasLimit: high 24 bytes must be zero"],
  ];
  for (const [e, message] of cases) {
    it(`${e.reason} carries its fields and reads "${message.slice(0, 40)}…"`, () => {
      expect(e.message).toBe(message);
      expect(e).toBeInstanceOf(ZkosError);
      expect(e.name).toBe("InvalidTransaction");
      expect(isInvalidTransaction(e)).toBe(true);
      expect(isInvalidTransaction(e, e.reason)).toBe(true);
      expect(isInvalidTransaction(e, "UpgradeTxFailed")).toBe(false);
    });
  }

  it("internal errors are a separate class with the reference's tag", () => {
    const e = new InternalBlockError("npp*ip", "overflow");
    expect(e.tag).toBe("npp*ip");
    expect(isInvalidTransaction(e)).toBe(false);
  });
});
