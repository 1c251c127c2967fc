// The tool runners and the openssl test CA live in dev/ so the benches can use them too.
export * from '../../dev/tools.ts';
