// Deliberately wrong: the calls stage (signalling) must not see the vault stage (storage). The test
// `layering_wrong_way_include` builds this file against vv_agent_calls and passes only when the compiler
// cannot find the vault header.
#include "calls/dialogtracker.h"
#include "vault/catalogue.h"

int layeringProbe()
{
    return 0;
}
