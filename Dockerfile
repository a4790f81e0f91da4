# Brook operator image: the Quarkus application (fast-jar layout) on a JRE, as a non-root user,
# with no build tools in it. Build the application on the host first; `make images` does both:
#   mvn -pl operator -am -DskipTests -DskipITs package
#   docker build --build-arg BASE_IMAGE=eclipse-temurin:17-jre -t brook-operator:0.1.0-SNAPSHOT .
# Without a registry, `make images` builds BASE_IMAGE from Debian's packages (scripts/base-image.sh).
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="brook-operator" \
      org.opencontainers.image.description="Kubernetes operator for Brook, a Kafka-compatible broker" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --chown=1001:0 operator/target/quarkus-app/ /deployments/
USER 1001
EXPOSE 8080
# The operator is a plain JVM service: most of its container's memory may go to the heap.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
