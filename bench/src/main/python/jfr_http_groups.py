"""Groups a client JFR profile of the http scenario by where the CPU goes (bench/run http; see HttpBenchmark).

  java -XX:StartFlightRecording=filename=http.jfr,settings=profile -jar bench/target/trajforge-bench.jar http mode=cpu http=all baseline=false
  jfr print --events jdk.ExecutionSample --stack-depth 64 http.jfr > samples.txt
  python3 bench/src/main/python/jfr_http_groups.py samples.txt

Samples from the first 35% of the recording (the warm-up) are left out; each sample goes to the group of the innermost
trajforge/LangChain4j/JDK-HTTP frame that matches a rule.
"""
import re,collections,sys
ev=[];frames=[];inst=False;t=None
for line in open(sys.argv[1],errors='replace'):
    s=line.strip()
    if s.startswith('jdk.ExecutionSample'): frames=[];inst=False;t=None
    elif s.startswith('startTime'):
        m=re.search(r'(\d+):(\d+):(\d+)\.(\d+)',s); t=int(m[1])*3600+int(m[2])*60+int(m[3])+float('0.'+m[4])
    elif s.startswith('stackTrace = ['): inst=True
    elif inst and s==']': inst=False; ev.append((t,frames))
    elif inst and s and s!='...': frames.append(re.sub(r'\s+line:.*$','',s))
ts=sorted(e[0] for e in ev); lo,hi=ts[0],ts[-1]; cut=lo+0.35*(hi-lo)
late=[f for t,f in ev if t>=cut and f]
RULES=[
 ("request building + JSON encoding (LangChain4j: history + tools -> request JSON)", r"openai\.internal\.Json\.toJson|OpenAiUtils\.toOpenAi|JsonSchemaElementUtils|anthropic\.internal.*(toAnthropic|Json\.toJson)|AnthropicMapper\.toAnthropic|InternalOpenAiHelper\.toOpenAi"),
 ("response parsing (LangChain4j JSON decoding, AiMessage, ProviderHttpClient checks)", r"openai\.internal\.Json\.fromJson|aiMessageFrom|requireAnswer|HttpHeaders\.copyCaseInsensitive|SuccessfulHttpResponse|anthropic\.internal.*fromJson|tokenUsageFrom|finishReasonFrom"),
 ("HTTP client (JDK HttpClient, via ProviderHttpClient.execute, and its selector thread)", r"ProviderHttpClient\.execute|^jdk\.internal\.net\.http|^java\.net\.http"),
 ("rate limiter + ResilientChatModel + LangChain4j ChatModel plumbing", r"collector\.limit|collector\.provider|^dev\.langchain4j"),
 ("judge (prompt render, transcript, verdict parse, deterministic checks, gold replay)", r"^dev\.trajforge\.judge"),
 ("export (journal read-back, dedup/MinHash, Parquet)", r"^dev\.trajforge\.exporter|org\.apache\.parquet|JournalIndex|JournalExport|JournalScanner"),
 ("journal append (entry JSON, fsync)", r"collector\.journal"),
 ("LLM user simulator (flip, prompt)", r"simenv\.user"),
 ("episode loop + environment (tools, state hashing, canonical JSON)", r"^dev\.trajforge"),
]
def grp(st):
    for f in st:
        if f.startswith(('dev.trajforge','dev.langchain4j','jdk.internal.net.http','java.net.http')):
            for name,rx in RULES:
                if re.search(rx,f): return name
    return "other (JDK only: virtual-thread scheduling, GC-free JDK code, ForkJoinPool)"
n=len(late); c=collections.Counter(grp(st) for st in late)
print("steady-state samples",n)
for k,v in c.most_common(): print(f"  {100*v/n:5.1f}%  {k}")
