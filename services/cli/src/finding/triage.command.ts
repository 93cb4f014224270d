export async function triageCommand(_argv: string[]): Promise<number> { return 2; }
