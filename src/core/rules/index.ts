/** All rules, in id order. The analyzer runs them; the docs generator and the docs test read them. */
import type { RuleModule } from './types';
import { rule as ACT001 } from './ACT001-probabilities-into-logits-loss';
import { rule as ACT002 } from './ACT002-logits-into-probability-loss';
import { rule as ACT003 } from './ACT003-saturating-hidden-activation';
import { rule as ACT004 } from './ACT004-single-unit-softmax';
import { rule as ACT005 } from './ACT005-missing-nonlinearity';
import { rule as ACT006 } from './ACT006-softmax-implicit-dim';
import { rule as ACT007 } from './ACT007-double-activation';
import { rule as ACT008 } from './ACT008-unknown-activation';
import { rule as ACT009 } from './ACT009-leaky-relu-slope';
import { rule as ACT010 } from './ACT010-output-activation-loss-mismatch';
import { rule as ACT011 } from './ACT011-selu-without-lecun-normal';
import { rule as ACT012 } from './ACT012-log-of-softmax';
import { rule as ACT013 } from './ACT013-deprecated-activation-api';
import { rule as ACT014 } from './ACT014-activation-before-softmax';

export const rules: RuleModule[] = [ACT001, ACT002, ACT003, ACT004, ACT005, ACT006, ACT007, ACT008, ACT009, ACT010, ACT011, ACT012, ACT013, ACT014];

export function getRule(id: string): RuleModule | undefined {
  return rules.find((r) => r.id === id);
}
