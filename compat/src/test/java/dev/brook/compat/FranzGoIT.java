package dev.brook.compat;

/**
 * franz-go (the kgo client and the kadm admin, at the newest protocol versions both sides know):
 * topic administration, an idempotent acks=all produce, a classic consumer group reading it back
 * and a second member resuming at the committed offsets ({@code compat/clients/go/cmd/franzgo}).
 */
class FranzGoIT extends GoProgramIT {

  @Override
  String command() {
    return "franzgo";
  }
}
