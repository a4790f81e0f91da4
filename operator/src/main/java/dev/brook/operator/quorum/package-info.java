/**
 * The controller quorum as the operator sees and changes it (KIP-853's DescribeQuorum and
 * RemoveRaftVoter): which voters the spec wants, which ones have to leave before their pods go, and
 * whether a voter may restart without taking the quorum's majority with it.
 */
package dev.brook.operator.quorum;
