# Brook operator image: builds the Quarkus application from this repository, runs it on a JRE as
# a non-root user. Build from the repository root: `make images` or
#   docker build -t brook-operator:0.1.0-SNAPSHOT .
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -pl operator -am -DskipTests -DskipITs package

FROM ${JRE_IMAGE}
# Quarkus fast-jar layout: the launcher plus lib/, app/ and quarkus/ beside it.
COPY --from=build --chown=1001:0 /src/operator/target/quarkus-app/ /deployments/
USER 1001
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
