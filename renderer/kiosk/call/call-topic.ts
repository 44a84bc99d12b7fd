import type { FlowId } from '../../../contracts/flows.ts';
import type { CallTopic } from '../../../contracts/teller.ts';

/** The topic a call asked for from inside a flow: tellers are routed calls by it. */
const FLOW_TOPICS: Partial<Record<FlowId, CallTopic>> = {
  cardIssuing: 'cards',
  accountOpening: 'accounts',
  cashDeposit: 'cash',
  cashWithdrawal: 'cash',
};

export function topicOfFlow(flow: FlowId | null | undefined): CallTopic {
  return (flow && FLOW_TOPICS[flow]) || 'general';
}
