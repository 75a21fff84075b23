/** Jest's global teardown: stops the embedded PostgreSQL if the set-up started one. */
import { stopTestPostgres } from './postgres-global';

export default stopTestPostgres;
