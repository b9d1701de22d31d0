// $BROWSER for the CLI tests: "opens" the URL by driving the login headlessly (Node strips the types of browser.ts).
import { driveLogin } from './browser.ts';

await driveLogin(process.argv[2]);
