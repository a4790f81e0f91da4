/**
 * Kubernetes Events about Brook's resources, the record {@code kubectl describe} and {@code kubectl
 * events} show: what the operator did (a broker restarted, a pod replaced) and when a resource's
 * Ready reason changed (scale refused, drain failed, reconciled again).
 */
package dev.brook.operator.events;
