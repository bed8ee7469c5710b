/**
 * Events for one user's browsers. Publishers put them on the bus under USER_EVENTS_TOPIC; every
 * web instance delivers them to its own sockets in that user's room.
 */
export const USER_EVENTS_TOPIC = "strata:user-events";

export interface UserEvent {
  userId: string;
  event: string;
  payload: unknown;
}
