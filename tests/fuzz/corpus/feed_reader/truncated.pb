�
sample-1"نحن مستعدون للحوار"Pr*e
vladimir-putinVladimir Putin"5الرئيس الروسي فلاديمير بوتين*<:person2
قالقال:cue_colon_quoteE33s?Jhttps://example.org/news/1R
2024-06-20C
sample-2موسكو سترد:cue_complementizer_clauseE��?X