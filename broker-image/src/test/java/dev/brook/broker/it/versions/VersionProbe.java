package dev.brook.broker.it.versions;

/**
 * Exercises one API at one version against {@link MatrixBroker}: builds the request with the fields
 * that version has, sends it over a socket, decodes the answer at that version and asserts its
 * error codes and the content that version carries.
 */
@FunctionalInterface
interface VersionProbe {

  void check(MatrixBroker broker, short version) throws Exception;
}
