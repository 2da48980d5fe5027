/** The Nest token of the opened Database (its own file, so providers in DatabaseModule can inject it). */
export const DATABASE = Symbol('DATABASE');
