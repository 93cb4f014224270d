import { Controller, Get } from '@nestjs/common';
import { OPENAPI_DOCUMENT } from './openapi.document.js';

/** Serves the ingest API's OpenAPI 3.1 document. */
@Controller()
export class OpenApiController {
  @Get('/openapi.json')
  document(): unknown {
    return OPENAPI_DOCUMENT;
  }
}
