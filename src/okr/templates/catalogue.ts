import type { TemplateSource } from "./template";

/*
 * The template catalogue: every OKR set of the AI OKR framework (shared/seed/ai-okr-framework.md),
 * as the framework writes it. Each key result keeps its sentence and states its fields; they equal
 * what parseKeyResult reads from the sentence, except where `override` says why not (a sentence
 * with two metrics, a deliverable with no number, a baseline the document states on its own line).
 * test/templates.test.ts holds the catalogue to both.
 */

const predictiveAnalytics: TemplateSource = {
  id: "predictive-analytics",
  title: "Predictive Analytics / Machine Learning Model",
  category: "AI project",
  extraParameters: [
    {
      name: "useCase",
      placeholder: "[use case]",
      description: "What the model predicts",
      default: "",
    },
  ],
  objectives: [
    {
      title: "Build accurate predictive model for [use case] that drives business value",
      owner: "ML Engineering Lead",
      timeline: "Q1 2026",
      keyResults: [
        {
          text: "Achieve model accuracy of ≥ 85% on test dataset (Current: 72%)",
          type: "increase",
          baseline: 72,
          target: 85,
          unit: "%",
        },
        {
          text: "Reduce prediction error (RMSE) to < 10% (Current: 18%)",
          type: "decrease",
          baseline: 18,
          target: 10,
          unit: "%",
        },
        {
          text: "Deploy model to production handling 10,000+ predictions/day",
          type: "increase",
          baseline: null,
          target: 10_000,
          unit: "predictions/day",
        },
        {
          text: "Generate $500K in incremental revenue through improved predictions",
          type: "increase",
          baseline: null,
          target: 500_000,
          unit: "$",
        },
      ],
    },
    {
      title: "Establish robust ML operations and monitoring",
      owner: "MLOps Engineer",
      timeline: "Q2 2026",
      keyResults: [
        {
          text: "Implement automated model retraining pipeline with < 2 hour turnaround",
          type: "maintain-below",
          baseline: null,
          target: 2,
          unit: "hours",
        },
        {
          text: "Achieve 99.9% model uptime with < 100ms latency",
          type: "maintain-above",
          baseline: null,
          target: 99.9,
          unit: "%",
          override:
            "two metrics: the 99.9% uptime is scored; the < 100 ms latency ceiling stays in the text (split it into its own key result to score it)",
        },
        {
          text: "Detect and alert on model drift within 24 hours",
          type: "maintain-below",
          baseline: null,
          target: 24,
          unit: "hours",
        },
        {
          text: "Complete 4 A/B tests comparing model versions",
          type: "increase",
          baseline: null,
          target: 4,
          unit: "A/B tests",
        },
      ],
    },
  ],
};

const nlpChatbot: TemplateSource = {
  id: "nlp-chatbot",
  title: "Natural Language Processing / Chatbot",
  category: "AI project",
  objectives: [
    {
      title: "Deploy conversational AI that delivers exceptional customer experience",
      owner: "Product Manager",
      timeline: "Q3 2026",
      keyResults: [
        {
          text: "Achieve 90% customer satisfaction (CSAT) score for chatbot interactions (Current: 65%)",
          type: "increase",
          baseline: 65,
          target: 90,
          unit: "%",
        },
        {
          text: "Handle 10,000+ customer conversations per month",
          type: "increase",
          baseline: null,
          target: 10_000,
          unit: "customer conversations/month",
        },
        {
          text: "Resolve 70% of inquiries without human escalation (Current: 40%)",
          type: "increase",
          baseline: 40,
          target: 70,
          unit: "%",
        },
        {
          text: "Reduce average handling time from 8 minutes to 2 minutes",
          type: "decrease",
          baseline: 8,
          target: 2,
          unit: "minutes",
        },
      ],
    },
    {
      title: "Continuously improve chatbot intelligence and coverage",
      owner: "NLP Engineer",
      timeline: "Q4 2026",
      keyResults: [
        {
          text: "Expand to 20 new intents covering 95% of customer inquiries (Current: 60%)",
          type: "increase",
          baseline: 60,
          target: 95,
          unit: "%",
          override:
            "two metrics: the stated current value (60%) belongs to the coverage, so coverage 60% → 95% is scored; the 20 new intents are the means",
        },
        {
          text: "Achieve 95% intent classification accuracy (Current: 82%)",
          type: "increase",
          baseline: 82,
          target: 95,
          unit: "%",
        },
        {
          text: "Support 3 additional languages (English, Spanish, French)",
          type: "increase",
          baseline: 0,
          target: 3,
          unit: "languages",
          override:
            "3 languages on top of today's, counted from 0 new; the parser reads it so but asks for the current count (Current: N), as readers also take it as a count to reach",
        },
        {
          text: "Integrate with 5 backend systems for seamless data access",
          type: "increase",
          baseline: null,
          target: 5,
          unit: "backend systems",
        },
      ],
    },
  ],
};

const computerVision: TemplateSource = {
  id: "computer-vision",
  title: "Computer Vision / Image Recognition",
  category: "AI project",
  objectives: [
    {
      title: "Automate visual inspection with AI achieving human-level accuracy",
      owner: "Computer Vision Lead",
      timeline: "Q1-Q2 2026",
      keyResults: [
        {
          text: "Achieve ≥ 98% defect detection accuracy (Current: 75% manual)",
          type: "increase",
          baseline: 75,
          target: 98,
          unit: "%",
        },
        {
          text: "Process 1,000+ images per hour (10x current manual capacity)",
          type: "increase",
          baseline: 100,
          target: 1000,
          unit: "images/hour",
        },
        {
          text: "Reduce false positive rate to < 2% (Current: 15%)",
          type: "decrease",
          baseline: 15,
          target: 2,
          unit: "%",
        },
        {
          text: "Achieve 99.5% uptime in production environment",
          type: "maintain-above",
          baseline: null,
          target: 99.5,
          unit: "%",
        },
      ],
    },
    {
      title: "Scale computer vision capabilities across product lines",
      owner: "Operations Director",
      timeline: "Q3-Q4 2026",
      keyResults: [
        {
          text: "Deploy model to 5 production lines covering 3 product families",
          type: "increase",
          baseline: null,
          target: 5,
          unit: "production lines",
          override:
            "two numbers: the key result is the 5 production lines; the 3 product families are their scope",
        },
        {
          text: "Train model on 100,000+ labeled images from new product lines",
          type: "increase",
          baseline: null,
          target: 100_000,
          unit: "labeled images",
        },
        {
          text: "Reduce manual inspection labor costs by 60% ($2M annualized)",
          type: "increase",
          baseline: 0,
          target: 60,
          unit: "% reduction",
        },
        {
          text: "Decrease product defect escapes to customers by 80%",
          type: "increase",
          baseline: 0,
          target: 80,
          unit: "% reduction",
        },
      ],
    },
  ],
};

const aiPlatform: TemplateSource = {
  id: "ai-platform",
  title: "AI Platform / Infrastructure",
  category: "AI project",
  objectives: [
    {
      title: "Build scalable, secure AI/ML platform that accelerates model development",
      owner: "AI Platform Lead",
      timeline: "Q1-Q2 2026",
      keyResults: [
        {
          text: "Enable 10 data science teams to deploy models to production",
          type: "increase",
          baseline: null,
          target: 10,
          unit: "data science teams",
        },
        {
          text: "Reduce time from model development to production from 6 weeks to 2 weeks",
          type: "decrease",
          baseline: 6,
          target: 2,
          unit: "weeks",
        },
        {
          text: "Achieve 99.95% platform uptime SLA",
          type: "maintain-above",
          baseline: null,
          target: 99.95,
          unit: "%",
        },
        {
          text: "Support 50+ concurrent model training jobs with auto-scaling",
          type: "increase",
          baseline: null,
          target: 50,
          unit: "concurrent model training jobs",
        },
      ],
    },
    {
      title: "Establish governance and compliance for responsible AI",
      owner: "AI Governance Lead",
      timeline: "Q3 2026",
      keyResults: [
        {
          text: "Implement automated bias detection for 100% of models pre-deployment",
          type: "increase",
          baseline: null,
          target: 100,
          unit: "%",
        },
        {
          text: "Achieve 100% compliance with GDPR and AI Act requirements",
          type: "increase",
          baseline: null,
          target: 100,
          unit: "%",
        },
        {
          text: "Complete risk assessment for all high-risk AI systems within 2 weeks",
          type: "maintain-below",
          baseline: null,
          target: 2,
          unit: "weeks",
        },
        {
          text: "Maintain centralized model registry with 100% coverage of production models",
          type: "maintain-above",
          baseline: null,
          target: 100,
          unit: "%",
        },
      ],
    },
  ],
};

const generativeAi: TemplateSource = {
  id: "generative-ai",
  title: "Generative AI / LLM Application",
  category: "AI project",
  objectives: [
    {
      title: "Launch Gen AI assistant that transforms employee productivity",
      owner: "Product Manager",
      timeline: "Q2 2026",
      keyResults: [
        {
          text: "Onboard 500+ employees using AI assistant daily (Current: 0)",
          type: "increase",
          baseline: 0,
          target: 500,
          unit: "employees",
        },
        {
          text: "Achieve average time savings of 2 hours per employee per week",
          type: "increase",
          baseline: null,
          target: 2,
          unit: "hours/employee/week",
        },
        {
          text: "Reach 85% user satisfaction score (target)",
          type: "increase",
          baseline: null,
          target: 85,
          unit: "%",
        },
        {
          text: "Support 10 use cases (document summarization, email drafting, research, etc.)",
          type: "increase",
          baseline: null,
          target: 10,
          unit: "use cases",
        },
      ],
    },
    {
      title: "Ensure responsible and secure deployment of Gen AI",
      owner: "AI Safety Lead",
      timeline: "Q2 2026",
      keyResults: [
        {
          text: "Implement content filtering with 99% harmful content blocked",
          type: "increase",
          baseline: null,
          target: 99,
          unit: "%",
        },
        {
          text: "Achieve zero data leakage incidents or privacy violations",
          type: "maintain-below",
          baseline: null,
          target: 0,
          unit: "data leakage incidents",
        },
        {
          text: "Complete red team security testing with all critical issues resolved",
          type: "milestone",
          baseline: null,
          target: null,
          unit: null,
          override: "a deliverable with no number: scored as a milestone, done or not done",
        },
        {
          text: "Maintain < 5% hallucination rate through grounding and validation",
          type: "maintain-below",
          baseline: null,
          target: 5,
          unit: "%",
        },
      ],
    },
  ],
};

const copilotStudio: TemplateSource = {
  id: "copilot-studio",
  title: "Microsoft Copilot Studio Implementation",
  category: "AI project",
  objectives: [
    {
      title:
        "Deploy intelligent conversational AI using Copilot Studio across customer touchpoints",
      owner: "Conversational AI Lead",
      timeline: "Q2-Q3 2026",
      notes: [
        {
          heading: "Technology Stack",
          lines: [
            "Microsoft Copilot Studio for bot design and orchestration",
            "Azure OpenAI Service for generative responses",
            "Dataverse for data storage and management",
            "Power Automate for workflow integration",
            "Application Insights for monitoring and analytics",
          ],
        },
      ],
      keyResults: [
        {
          text: "Launch 5 copilot solutions serving 20,000+ users monthly (Current: 0)",
          type: "increase",
          baseline: 0,
          target: 5,
          unit: "copilot solutions",
          override:
            "two metrics: the 5 copilot solutions (current 0) are scored; the 20,000+ monthly users stay in the text",
        },
        {
          text: "Achieve 90% accuracy in intent recognition across 50+ topics",
          type: "increase",
          baseline: null,
          target: 90,
          unit: "%",
          override: "two numbers: 90% accuracy is scored; the 50+ topics are its scope",
        },
        {
          text: "Reduce development time for new topics from 2 weeks to 2 days (90% reduction)",
          type: "decrease",
          baseline: 14,
          target: 2,
          unit: "days",
        },
        {
          text: "Integrate with 10+ enterprise systems (SharePoint, Dataverse, Azure, third-party APIs)",
          type: "increase",
          baseline: null,
          target: 10,
          unit: "enterprise systems",
        },
      ],
    },
    {
      title: "Enable self-service through AI-powered copilots with enterprise-grade security",
      owner: "Digital Experience Manager",
      timeline: "Q3-Q4 2026",
      notes: [
        {
          heading: "Use Cases",
          lines: [
            "HR Self-Service (PTO requests, policy questions, benefits enrollment)",
            "IT Support (password resets, software access, troubleshooting)",
            "Sales Enablement (product information, competitive intelligence, proposal generation)",
            "Knowledge Management (document search, policy lookup, training materials)",
            "Customer Support (FAQs, order status, product recommendations)",
          ],
        },
      ],
      keyResults: [
        {
          text: "Resolve 75% of employee inquiries without human intervention (Current: 30%)",
          type: "increase",
          baseline: 30,
          target: 75,
          unit: "%",
        },
        {
          text: "Reduce average response time from 4 hours to 5 minutes (95% improvement)",
          type: "decrease",
          baseline: 240,
          target: 5,
          unit: "minutes",
        },
        {
          text: "Achieve 88% user satisfaction score (CSAT) for copilot interactions",
          type: "increase",
          baseline: null,
          target: 88,
          unit: "%",
        },
        {
          text: "Handle 100,000+ conversations per month with 99.9% uptime",
          type: "increase",
          baseline: null,
          target: 100_000,
          unit: "conversations/month",
          override:
            "two metrics: the 100,000+ monthly conversations are scored; the 99.9% uptime stays in the text",
        },
      ],
    },
  ],
};

const d365ContactCenter: TemplateSource = {
  id: "d365-contact-center",
  title: "D365 Contact Center (Dynamics 365 Contact Center as a Service)",
  category: "AI project",
  objectives: [
    {
      title: "Transform customer service with AI-powered omnichannel contact center",
      owner: "Customer Service Operations Lead",
      timeline: "Q2-Q4 2026",
      notes: [
        {
          heading: "Technology Stack",
          lines: [
            "Dynamics 365 Contact Center (CCaaS platform)",
            "Copilot for Service (AI-powered agent assistance)",
            "Azure Communication Services (voice and video)",
            "Omnichannel for Customer Service (unified agent workspace)",
            "Customer Insights for 360° customer view",
          ],
        },
      ],
      keyResults: [
        {
          text: "Migrate 100% of customer interactions to D365 Contact Center (voice, chat, email, SMS)",
          type: "increase",
          baseline: null,
          target: 100,
          unit: "%",
        },
        {
          text: "Reduce average handle time (AHT) from 8 minutes to 4 minutes (50% improvement)",
          type: "decrease",
          baseline: 8,
          target: 4,
          unit: "minutes",
        },
        {
          text: "Achieve first contact resolution (FCR) rate of 85% (Current: 62%)",
          type: "increase",
          baseline: 62,
          target: 85,
          unit: "%",
        },
        {
          text: "Improve agent productivity by 40% through AI-assisted workflows and suggestions",
          type: "increase",
          baseline: 0,
          target: 40,
          unit: "% increase",
        },
      ],
    },
    {
      title: "Leverage AI to optimize contact center operations and customer experience",
      owner: "CX Transformation Lead",
      timeline: "Q3-Q4 2026",
      notes: [
        {
          heading: "AI Capabilities",
          lines: [
            "Copilot for Service: Real-time agent assistance with suggested responses, knowledge articles, and next best actions",
            "AI-Powered Routing: Intelligent skill-based routing matching customers to best-fit agents",
            "Sentiment Analysis: Real-time emotion detection with supervisor alerts for escalation",
            "Conversation Intelligence: Automatic call summarization, action item extraction, compliance monitoring",
            "Predictive Analytics: Forecast call volumes, optimize staffing, predict customer churn",
            "Self-Service Virtual Agent: Deflect 60% of routine inquiries to AI-powered chatbot",
          ],
        },
      ],
      keyResults: [
        {
          text: "Deploy AI-powered sentiment analysis for 100% of interactions with real-time coaching",
          type: "increase",
          baseline: null,
          target: 100,
          unit: "%",
        },
        {
          text: "Reduce customer effort score (CES) from 4.2 to 2.5 (40% improvement)",
          type: "decrease",
          baseline: 4.2,
          target: 2.5,
          unit: null,
        },
        {
          text: "Increase Net Promoter Score (NPS) from 45 to 65 (+20 points)",
          type: "increase",
          baseline: 45,
          target: 65,
          unit: "points",
        },
        {
          text: "Achieve 30% cost per contact reduction through intelligent routing and automation",
          type: "increase",
          baseline: null,
          target: 30,
          unit: "% reduction",
        },
      ],
    },
    {
      title: "Integrate D365 Contact Center with enterprise systems for seamless CX",
      owner: "Integration Architect",
      timeline: "Q2-Q3 2026",
      notes: [
        {
          heading: "Integration Scenarios",
          lines: [
            "Dataverse: Centralized customer data, case management, activity tracking",
            "Azure Logic Apps / Power Automate: Workflow automation, system orchestration",
            "Microsoft 365: Email, Teams collaboration, document sharing",
            "Power BI: Real-time dashboards, agent performance, customer insights",
            "Azure OpenAI: Generative responses, email drafting, knowledge synthesis",
            "Third-Party Systems: Salesforce, SAP, ServiceNow, custom APIs",
          ],
        },
      ],
      keyResults: [
        {
          text: "Connect 8 enterprise systems (CRM, ERP, billing, order management, knowledge base, etc.)",
          type: "increase",
          baseline: null,
          target: 8,
          unit: "enterprise systems",
        },
        {
          text: "Provide agents with 360° customer view in unified workspace (single pane of glass)",
          type: "milestone",
          baseline: null,
          target: null,
          unit: null,
          override:
            "a deliverable with no number (360° names the view, not a metric): scored as a milestone",
        },
        {
          text: "Reduce system switching time by 70% (from 2 minutes to 30 seconds per interaction)",
          type: "decrease",
          baseline: 120,
          target: 30,
          unit: "seconds/interaction",
        },
        {
          text: "Enable real-time data sync with < 2 second latency between systems",
          type: "maintain-below",
          baseline: null,
          target: 2,
          unit: "seconds",
        },
      ],
    },
  ],
};

const copilotStudioD365: TemplateSource = {
  id: "copilot-studio-d365",
  title: "Copilot Studio + D365 Contact Center Integration",
  category: "AI project",
  objectives: [
    {
      title: "Create unified AI-powered customer journey from self-service to human-assisted",
      owner: "Omnichannel Experience Lead",
      timeline: "Q3 2026",
      notes: [
        {
          heading: "Integration Architecture",
          lines: [
            "Customer → Copilot Studio (1st Line) → AI Decision Engine → D365 Contact Center Agent (2nd Line)",
            "            ↓                              ↓                      ↓",
            "      Azure OpenAI              Sentiment Analysis         Copilot for Service",
            "      Knowledge Base            Routing Logic              Agent Workspace",
            "      Dataverse                 Context Preservation       Real-time Guidance",
          ],
        },
        {
          heading: "Customer Journey Flow",
          lines: [
            "Initial Contact: Customer interacts with Copilot Studio bot (web, Teams, mobile app)",
            "AI Resolution: Bot attempts to resolve using knowledge base, generative AI, automated workflows",
            "Intelligent Escalation: If unresolved, context transferred to D365 Contact Center",
            "Agent Assistance: Human agent receives full conversation history, customer profile, AI suggestions",
            "Continuous Learning: Conversation outcomes feed back to improve copilot responses",
          ],
        },
      ],
      keyResults: [
        {
          text: "Implement seamless escalation from Copilot Studio bot to D365 Contact Center agents with full context",
          type: "milestone",
          baseline: null,
          target: null,
          unit: null,
          override: "a deliverable with no number: scored as a milestone, done or not done",
        },
        {
          text: "Achieve 65% deflection rate (customer issues resolved by copilot without agent)",
          type: "increase",
          baseline: null,
          target: 65,
          unit: "%",
        },
        {
          text: "Reduce average escalation time from 5 minutes to 15 seconds",
          type: "decrease",
          baseline: 300,
          target: 15,
          unit: "seconds",
        },
        {
          text: "Maintain conversation context and sentiment score through bot-to-human handoff",
          type: "milestone",
          baseline: null,
          target: null,
          unit: null,
          override: "a capability with no number: scored as a milestone, done or not done",
        },
      ],
    },
  ],
};

const revenueGrowth: TemplateSource = {
  id: "revenue-growth",
  title: "Revenue Growth",
  category: "Business value",
  objectives: [
    {
      title: "Drive significant revenue growth through AI-powered capabilities",
      owner: "Chief Revenue Officer",
      timeline: "FY 2026",
      keyResults: [
        {
          text: "Generate $5M in incremental revenue from AI-driven recommendations (Current: $0)",
          type: "increase",
          baseline: 0,
          target: 5_000_000,
          unit: "$",
        },
        {
          text: "Increase conversion rate by 15% through personalized AI experiences (Current: 2.3%)",
          type: "increase",
          baseline: 2.3,
          target: 2.645,
          unit: "%",
        },
        {
          text: "Expand to 3 new markets enabled by AI localization capabilities",
          type: "increase",
          baseline: 0,
          target: 3,
          unit: "markets",
          override:
            "3 markets on top of today's, counted from 0 new; the parser reads it so but asks for the current count (Current: N), as readers also take it as a count to reach",
        },
        {
          text: "Launch 2 new AI-powered products generating $3M ARR",
          type: "increase",
          baseline: 0,
          target: 2,
          unit: "AI-powered products",
          override: "two metrics: the 2 new products are scored; the $3M ARR stays in the text",
        },
      ],
    },
  ],
};

const costReduction: TemplateSource = {
  id: "cost-reduction",
  title: "Cost Reduction",
  category: "Business value",
  objectives: [
    {
      title: "Achieve operational excellence through intelligent automation",
      owner: "Chief Operating Officer",
      timeline: "FY 2026",
      keyResults: [
        {
          text: "Reduce customer service costs by $2M annually through AI automation (Current: $8M)",
          type: "decrease",
          baseline: 8_000_000,
          target: 6_000_000,
          unit: "$",
          notes: [
            "Copilot Studio deflection: 65% of inquiries automated ($1.2M savings)",
            "D365 Contact Center efficiency: 40% productivity gain ($800K savings)",
          ],
        },
        {
          text: "Decrease manual data processing time by 80% saving 10,000 hours/year",
          type: "increase",
          baseline: 0,
          target: 80,
          unit: "% reduction",
          override:
            "two metrics: the 80% reduction is scored; the 10,000 hours/year saved is its consequence",
        },
        {
          text: "Lower infrastructure costs by 30% through AI-optimized resource allocation",
          type: "increase",
          baseline: 0,
          target: 30,
          unit: "% reduction",
          notes: ["Cloud-native CCaaS vs on-premises: 45% infrastructure cost reduction"],
        },
        {
          text: "Reduce fraud losses by 50% ($1.5M) through AI-powered fraud detection",
          type: "increase",
          baseline: 0,
          target: 50,
          unit: "% reduction",
        },
      ],
    },
  ],
};

const customerExperience: TemplateSource = {
  id: "customer-experience",
  title: "Customer Experience",
  category: "Business value",
  objectives: [
    {
      title: "Deliver world-class customer experiences powered by AI",
      owner: "Chief Customer Officer",
      timeline: "FY 2026",
      keyResults: [
        {
          text: "Improve Net Promoter Score (NPS) from 45 to 65 (+20 points)",
          type: "increase",
          baseline: 45,
          target: 65,
          unit: "points",
        },
        {
          text: "Reduce customer effort score (CES) from 4.2 to 2.5",
          type: "decrease",
          baseline: 4.2,
          target: 2.5,
          unit: null,
        },
        {
          text: "Achieve 90% first contact resolution rate (Current: 65%)",
          type: "increase",
          baseline: 65,
          target: 90,
          unit: "%",
        },
        {
          text: "Decrease average response time from 24 hours to 1 hour",
          type: "decrease",
          baseline: 24,
          target: 1,
          unit: "hours",
        },
      ],
    },
  ],
};

const innovationCapabilities: TemplateSource = {
  id: "innovation-capabilities",
  title: "Innovation & Capabilities",
  category: "Business value",
  objectives: [
    {
      title: "Build world-class AI engineering capabilities and culture",
      owner: "Chief Technology Officer",
      timeline: "FY 2026",
      keyResults: [
        {
          text: "Grow AI/ML team from 15 to 40 engineers (hire 25 top-tier talent)",
          type: "increase",
          baseline: 15,
          target: 40,
          unit: "engineers",
        },
        {
          text: "Achieve 90% employee satisfaction score for AI team (Current: 75%)",
          type: "increase",
          baseline: 75,
          target: 90,
          unit: "%",
        },
        {
          text: "Publish 10 research papers or open-source contributions",
          type: "increase",
          baseline: null,
          target: 10,
          unit: "research papers or open-source contributions",
        },
        {
          text: "Establish AI Center of Excellence serving 15 business units",
          type: "increase",
          baseline: null,
          target: 15,
          unit: "business units",
        },
      ],
    },
  ],
};

const dataScienceTeam: TemplateSource = {
  id: "data-science-team",
  title: "Data Science Team OKRs",
  category: "Stakeholder",
  objectives: [
    {
      title: "Build accurate, fair, and reliable ML models that drive business impact",
      owner: "Data Science Team",
      timeline: "Q[Quarter] [Year]",
      keyResults: [
        {
          text: "Achieve ≥ 85% model accuracy across 3 production models",
          type: "increase",
          baseline: null,
          target: 85,
          unit: "%",
          override: "two numbers: ≥ 85% accuracy is scored; the 3 production models are its scope",
        },
        {
          text: "Pass fairness audits with < 5% disparate impact across demographic groups",
          type: "maintain-below",
          baseline: null,
          target: 5,
          unit: "%",
        },
        {
          text: "Complete 10 model experiments with documented learnings",
          type: "increase",
          baseline: null,
          target: 10,
          unit: "model experiments",
        },
        {
          text: "Reduce average model development cycle time from 8 weeks to 4 weeks",
          type: "decrease",
          baseline: 8,
          target: 4,
          unit: "weeks",
        },
      ],
    },
  ],
};

const mlopsPlatformTeam: TemplateSource = {
  id: "mlops-platform-team",
  title: "MLOps / Platform Team OKRs",
  category: "Stakeholder",
  objectives: [
    {
      title: "Enable rapid, reliable, and scalable ML deployment",
      owner: "MLOps / Platform Team",
      timeline: "Q[Quarter] [Year]",
      keyResults: [
        {
          text: "Achieve 99.9% uptime for ML serving infrastructure",
          type: "maintain-above",
          baseline: null,
          target: 99.9,
          unit: "%",
        },
        {
          text: "Reduce model deployment time from 2 weeks to 2 days",
          type: "decrease",
          baseline: 14,
          target: 2,
          unit: "days",
        },
        {
          text: "Support 20+ production models with automated monitoring and alerting",
          type: "increase",
          baseline: null,
          target: 20,
          unit: "production models",
        },
        {
          text: "Implement CI/CD pipelines for 100% of new models",
          type: "increase",
          baseline: null,
          target: 100,
          unit: "%",
        },
      ],
    },
  ],
};

const productBusinessTeam: TemplateSource = {
  id: "product-business-team",
  title: "Product / Business Team OKRs",
  category: "Stakeholder",
  objectives: [
    {
      title: "Deliver AI-powered features that delight customers and drive revenue",
      owner: "Product / Business Team",
      timeline: "Q[Quarter] [Year]",
      keyResults: [
        {
          text: "Launch 3 new AI-powered features with > 80% user adoption",
          type: "increase",
          baseline: 0,
          target: 3,
          unit: "AI-powered features",
          override:
            "two metrics: the 3 new features are scored; the > 80% adoption stays in the text",
        },
        {
          text: "Increase customer lifetime value by 20% through personalization",
          type: "increase",
          baseline: 0,
          target: 20,
          unit: "% increase",
        },
        {
          text: "Achieve 90% customer satisfaction for AI features",
          type: "increase",
          baseline: null,
          target: 90,
          unit: "%",
        },
        {
          text: "Generate $2M in incremental revenue from AI capabilities",
          type: "increase",
          baseline: null,
          target: 2_000_000,
          unit: "$",
        },
      ],
    },
  ],
};

const completedComputerVision: TemplateSource = {
  id: "completed-cv-q4-2025",
  title: "Sample Completed OKR (Q4 2025): computer vision defect detection",
  category: "Example",
  status: "Completed",
  objectives: [
    {
      title: "Launch computer vision defect detection system in production",
      // The sample names no owner; the plan's sponsor owns it.
      owner: "[Executive Sponsor]",
      timeline: "Q4 2025",
      recordedScore: 0.75,
      notes: [
        {
          heading: "Lessons Learned",
          lines: [
            "Model performance exceeded expectations with focused effort",
            "Infrastructure scaling was underestimated in planning",
            "Need earlier engagement with operations team for deployment",
            "Hardware lead times should be factored into future timelines",
          ],
        },
        {
          heading: "Next Quarter Actions",
          lines: [
            "Complete rollout to remaining 2 production lines (Q1 2026 priority)",
            "Continue precision improvements to reach < 5% false positive target",
            "Implement automated retraining pipeline for ongoing accuracy",
          ],
        },
      ],
      keyResults: [
        {
          text: "Achieve ≥ 95% defect detection accuracy",
          type: "increase",
          baseline: 88,
          target: 95,
          unit: "%",
          current: 96,
          recordedScore: 1.0,
          notes: ["Exceeded target through data augmentation and model architecture improvements"],
          override: "the document states Baseline 88% and Actual 96% on their own lines",
        },
        {
          text: "Process 500+ images per hour",
          type: "increase",
          baseline: 100,
          target: 500,
          unit: "images/hour",
          current: 425,
          recordedScore: 0.81,
          notes: ["Optimized inference pipeline achieved 85% of stretch goal"],
          override:
            "the document states Baseline 100 images/hour and Actual 425 on their own lines",
        },
        {
          text: "Reduce false positive rate to < 5%",
          type: "decrease",
          baseline: 12,
          target: 5,
          unit: "%",
          current: 6.5,
          recordedScore: 0.69,
          notes: ["Made significant progress but need additional precision tuning"],
          override:
            "the document states Baseline 12% and Actual 6.5% on their own lines, so it is a reduction from 12%, not a ceiling",
        },
        {
          text: "Deploy to 3 production lines",
          type: "increase",
          baseline: 0,
          target: 3,
          unit: "production lines",
          current: 1,
          recordedScore: 0.33,
          notes: [
            "Integration delays and hardware procurement issues. Rollout rescheduled to Q1 2026",
          ],
          override: "the document states Baseline 0 lines and Actual 1 line on their own lines",
        },
      ],
    },
  ],
};

const alignmentExample: TemplateSource = {
  id: "alignment-example",
  title: "Alignment Example: AI-powered customer experience",
  category: "Example",
  alignment: {
    company: "Become the industry leader in AI-powered customer experiences",
    businessUnit: "Transform customer service with intelligent automation",
    project: "Launch AI-powered chatbot that handles 60% of customer inquiries",
  },
  objectives: [
    {
      title: "Launch AI-powered chatbot that handles 60% of customer inquiries",
      owner: "[Executive Sponsor]",
      timeline: "Q[Quarter] [Year]",
      keyResults: [
        {
          text: "Achieve 95% accuracy in intent classification",
          type: "increase",
          baseline: null,
          target: 95,
          unit: "%",
        },
        {
          text: "Resolve 60% of customer inquiries without human escalation",
          type: "increase",
          baseline: null,
          target: 60,
          unit: "%",
        },
        {
          text: "Reduce average response time from 5 minutes to 30 seconds",
          type: "decrease",
          baseline: 300,
          target: 30,
          unit: "seconds",
        },
      ],
    },
  ],
};

const dashboardExample: TemplateSource = {
  id: "dashboard-example",
  title: "OKR Dashboard Template: AI chatbot",
  category: "Example",
  objectives: [
    {
      title: "Launch AI chatbot",
      owner: "Product",
      // The dashboard tracks one year by quarter; the framework's roadmap year.
      timeline: "Q1-Q4 2026",
      quarterlyTargets: [0.3, 0.6, 0.8, 1.0],
      current: 0.7,
      keyResults: [
        {
          text: "90% CSAT",
          type: "increase",
          baseline: null,
          target: 90,
          unit: "%",
          current: 87,
          quarterlyTargets: [75, 80, 85, 90],
        },
        {
          text: "70% resolution rate",
          type: "increase",
          baseline: null,
          target: 70,
          unit: "%",
          current: 58,
          quarterlyTargets: [40, 50, 60, 70],
        },
        {
          text: "10K conversations/month",
          type: "increase",
          baseline: null,
          target: 10_000,
          unit: "conversations/month",
          current: 7500,
          quarterlyTargets: [2000, 5000, 8000, 10_000],
        },
      ],
    },
  ],
};

/** In the order the framework presents them. */
export const catalogueSources: readonly TemplateSource[] = [
  predictiveAnalytics,
  nlpChatbot,
  computerVision,
  aiPlatform,
  generativeAi,
  copilotStudio,
  d365ContactCenter,
  copilotStudioD365,
  revenueGrowth,
  costReduction,
  customerExperience,
  innovationCapabilities,
  dataScienceTeam,
  mlopsPlatformTeam,
  productBusinessTeam,
  completedComputerVision,
  alignmentExample,
  dashboardExample,
];
